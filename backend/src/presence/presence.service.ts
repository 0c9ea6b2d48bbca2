import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { LIMITS } from '@chatroom/shared';
import { PresenceRepository } from './presence.repository';

/** Writing presence more often than this buys nothing: /online looks back a whole minute. */
const FLUSH_INTERVAL_MS = 10_000;

/**
 * Who is online: users with an open long-poll, or a request in the last minute. Activity is
 * gathered in memory and written in batches, so that a request costs no database write and all
 * instances of a cluster see the same list.
 */
@Injectable()
export class PresenceService implements OnModuleInit, OnModuleDestroy {
  private readonly recentlySeen = new Set<string>();
  private readonly openPolls = new Map<string, number>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly repository: PresenceRepository) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  seen(username: string): void {
    this.recentlySeen.add(username);
  }

  pollOpened(username: string): void {
    this.openPolls.set(username, (this.openPolls.get(username) ?? 0) + 1);
  }

  pollClosed(username: string): void {
    const open = (this.openPolls.get(username) ?? 1) - 1;
    if (open > 0) this.openPolls.set(username, open);
    else this.openPolls.delete(username);
  }

  async online(): Promise<string[]> {
    await this.flush();
    const since = new Date(Date.now() - LIMITS.onlineWindowSeconds * 1000).toISOString();
    return this.repository.seenSince(since);
  }

  private async flush(): Promise<void> {
    const users = new Set([...this.recentlySeen, ...this.openPolls.keys()]);
    this.recentlySeen.clear();
    await this.repository.touch([...users], new Date().toISOString());
  }
}
