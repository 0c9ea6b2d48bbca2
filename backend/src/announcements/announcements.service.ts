import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { unwatchFile, watchFile } from 'node:fs';
import { ANNOUNCEMENT_RECIPIENT, AnnouncementResponse, ErrorCode, SERVER_SENDER } from '@chatroom/shared';
import { Subscription } from 'rxjs';
import { ApiException } from '../common/api-exception';
import { isServerAdmin } from '../common/server-admin.guard';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { EventBus } from '../events/event-bus';
import { lockMessageIds } from '../storage/locks';
import { TimelineRepository } from '../timeline/timeline.repository';
import { TimelineService } from '../timeline/timeline.service';
import { AnnouncementFile, AnnouncementSnapshot } from './announcement-file';

/** How often the file is checked for edits made by hand. */
const WATCH_INTERVAL_MS = 1000;

/**
 * The server announcement lives in a file an operator can edit; every new text is also
 * delivered once to every user through /messages.
 */
@Injectable()
export class AnnouncementsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AnnouncementsService.name);
  private readonly file: AnnouncementFile;
  private current: AnnouncementSnapshot = { text: '', updatedAt: null };
  private subscription?: Subscription;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly timeline: TimelineService,
    private readonly timelineRepository: TimelineRepository,
    private readonly bus: EventBus,
  ) {
    this.file = new AnnouncementFile(config.announcementFile);
  }

  async onModuleInit(): Promise<void> {
    await this.reload();
    watchFile(this.file.path, { interval: WATCH_INTERVAL_MS, persistent: false }, () => void this.reload());
    this.subscription = this.bus.events$.subscribe((event) => {
      if (event.type === 'announcement_changed' || event.type === 'resync') void this.reload();
    });
  }

  onModuleDestroy(): void {
    unwatchFile(this.file.path);
    this.subscription?.unsubscribe();
  }

  get(): AnnouncementResponse {
    return { announcement: this.current.text, updated_at: this.current.updatedAt };
  }

  async post(username: string, text: string): Promise<AnnouncementResponse> {
    if (!isServerAdmin(this.config, username)) {
      throw new ApiException(ErrorCode.Forbidden, 'Only server admins (ADMIN_USERS) may post announcements.');
    }
    await this.file.write(text.trim());
    await this.reload();
    await this.bus.publish({ type: 'announcement_changed' });
    return this.get();
  }

  private async reload(): Promise<void> {
    try {
      const snapshot = await this.file.read();
      const changed = snapshot.text !== this.current.text;
      this.current = snapshot;
      if (changed) await this.deliver(snapshot.text);
    } catch (error) {
      this.logger.error(`Could not read ${this.file.path}: ${String(error)}`);
    }
  }

  /** Appends the text as an announcement message unless it is already the latest one. */
  private async deliver(text: string): Promise<void> {
    if (!text) return;
    await this.timeline.transaction(async (trx, append) => {
      // Every instance of a cluster delivers the same edit; the lock lets one append and the others see it.
      await lockMessageIds(trx);
      const latest = await this.timelineRepository.latestAnnouncement(trx);
      if (latest?.message === text) return;
      await append({ kind: 'announcement', sender: SERVER_SENDER, recipient: ANNOUNCEMENT_RECIPIENT, body: text }, 'everyone');
    });
  }
}
