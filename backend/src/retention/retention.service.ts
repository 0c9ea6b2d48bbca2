import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ServerLifecycle } from '../http/server-lifecycle';
import { TimelineService } from '../timeline/timeline.service';
import { PeriodicJob } from '../common/periodic-job';

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * Soon after start rather than at it: migrations and the first wave of reconnecting clients come
 * first, and a server restarted every day still expires messages.
 */
const FIRST_RUN_DELAY_MS = 2_000;
/** Entries looked at per step: each step's erase holds the database's write lock, and requests wait behind it. */
const ENTRIES_PER_STEP = 200;

/**
 * RETENTION_DAYS: every day, erases the chat messages sent longer ago than that, as a delete does
 * (text, earlier texts, mentions and reactions go; the row stays as a tombstone with its id).
 * Room events and announcements are kept.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('retention');
  private job?: PeriodicJob;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly timeline: TimelineService,
    private readonly lifecycle: ServerLifecycle,
  ) {}

  onApplicationBootstrap(): void {
    const days = this.config.retentionDays;
    if (days === null) return;
    this.job = PeriodicJob.untilClosing(
      this.lifecycle,
      (job) => this.expire(days, job),
      { firstDelayMs: FIRST_RUN_DELAY_MS, intervalMs: DAY_MS },
      (error) => this.logger.error(`Erasing messages older than ${days} days failed; next try in a day: ${String(error)}`),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.job?.stop();
  }

  /**
   * Walks the history on from where the last run stopped, in small steps, letting requests in
   * between, until it meets a message younger than the cutoff, or another instance walks it.
   */
  private async expire(days: number, job: PeriodicJob): Promise<void> {
    const before = new Date(Date.now() - days * DAY_MS).toISOString();
    let erased = 0;
    while (!job.stopping) {
      const step = await this.timeline.expire(before, ENTRIES_PER_STEP);
      if (!step) break;
      erased += step.erased.length;
      if (step.done) break;
      await nextTurn();
    }
    if (erased > 0) this.logger.log(`Erased ${erased} messages sent before ${before} (RETENTION_DAYS=${days})`);
  }
}
