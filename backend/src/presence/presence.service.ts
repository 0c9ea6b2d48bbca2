import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { LIMITS, OnlineResponse, PresenceState } from '@chatroom/shared';
import type { AuthenticatedUser } from '../common/authenticated-request';
import { PresenceRepository } from './presence.repository';

/** Writing presence more often than this buys nothing: /online looks back a whole minute. */
const FLUSH_INTERVAL_MS = 10_000;
const ONLINE_WINDOW_MS = LIMITS.onlineWindowSeconds * 1000;
const STATE_WINDOW_MS = LIMITS.presenceStateSeconds * 1000;
/**
 * Not written for this long, a user may already look offline to the other instances of a
 * cluster: they are written at once rather than at the next flush. Users who stay active are
 * written by every flush, so this costs one write per user coming online.
 */
const STALE_AFTER_MS = ONLINE_WINDOW_MS - FLUSH_INTERVAL_MS;

/**
 * Who is online: users with an open long-poll, or a request in the last minute. Activity is
 * gathered in memory and written in batches, so that a request costs no database write and all
 * instances of a cluster see the same list; a user coming online is written at once.
 */
@Injectable()
export class PresenceService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PresenceService.name);
  private readonly recentlySeen = new Set<string>();
  private readonly openPolls = new Map<string, number>();
  /**
   * When this instance last wrote, or tried to write, each user it saw in the last minute. A failed
   * write counts: the batch retries it, rather than every request while the database is away.
   */
  private readonly writtenAt = new Map<string, number>();
  private flushScheduled = false;
  private timer?: NodeJS.Timeout;

  constructor(private readonly repository: PresenceRepository) {}

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.forgetLongGone();
      void this.flush();
    }, FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  seen(username: string): void {
    this.recentlySeen.add(username);
    this.writeSoonIfStale(username);
  }

  pollOpened(username: string): void {
    this.openPolls.set(username, (this.openPolls.get(username) ?? 0) + 1);
    this.writeSoonIfStale(username);
  }

  pollClosed(username: string): void {
    const open = (this.openPolls.get(username) ?? 1) - 1;
    if (open > 0) this.openPolls.set(username, open);
    else this.openPolls.delete(username);
  }

  async online(): Promise<OnlineResponse> {
    await this.flush();
    const now = Date.now();
    const seen = await this.repository.seenSince(new Date(now - ONLINE_WINDOW_MS).toISOString(), new Date(now - STATE_WINDOW_MS).toISOString());
    return {
      users: seen.map((user) => user.username),
      presence: Object.fromEntries(seen.map((user) => [user.username, user.state])),
    };
  }

  /** Sessions ended: what their browsers said is forgotten, so one signed out while away leaves no one away. */
  async sessionsEnded(tokenHashes: string[]): Promise<void> {
    await this.repository.forgetSessions(tokenHashes);
  }

  /**
   * What one signed-in browser says of its user. Written at once, not batched: a change of state is
   * rare, and the other instances must see it now. The user is away only while every browser of
   * theirs that spoke in the last LIMITS.presenceStateSeconds says so.
   */
  async setState({ username, tokenHash }: AuthenticatedUser, state: PresenceState): Promise<void> {
    const now = Date.now();
    this.recentlySeen.delete(username);
    this.writtenAt.set(username, now);
    await this.repository.setState(tokenHash, username, state, new Date(now).toISOString(), new Date(now - STATE_WINDOW_MS).toISOString());
  }

  private writeSoonIfStale(username: string): void {
    if (Date.now() - (this.writtenAt.get(username) ?? 0) < STALE_AFTER_MS || this.flushScheduled) return;
    this.flushScheduled = true;
    // Every user seen in the same turn of the event loop goes in the same write.
    setImmediate(() => {
      this.flushScheduled = false;
      void this.flush();
    });
  }

  private forgetLongGone(): void {
    const now = Date.now();
    for (const [username, at] of this.writtenAt) if (now - at >= ONLINE_WINDOW_MS) this.writtenAt.delete(username);
  }

  /** Never throws: a database that is away for a moment must not end the server, only delay presence. */
  private async flush(): Promise<void> {
    const users = [...new Set([...this.recentlySeen, ...this.openPolls.keys()])];
    this.recentlySeen.clear();
    if (users.length === 0) return;
    const now = Date.now();
    for (const username of users) this.writtenAt.set(username, now);
    try {
      await this.repository.touch(users, new Date(now).toISOString());
    } catch (error) {
      for (const username of users) this.recentlySeen.add(username);
      this.logger.warn(`Could not record who is online: ${String(error)}`);
    }
  }
}
