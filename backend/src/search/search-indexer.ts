import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Subscription } from 'rxjs';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { SearchIndex } from '../timeline/search-index';
import { TimelineService } from '../timeline/timeline.service';

/** How long after a commit the indexer waits for more to index with it. */
const BATCH_DELAY_MS = 20;
/** Entries per indexing transaction. */
const BATCH_SIZE = 500;
/** Catching up with what other instances wrote (PostgreSQL), and retrying after a failed run. */
const CATCH_UP_MS = 1000;

/**
 * Keeps the search index up with the timeline (SearchIndex.indexNext): at start, shortly after each
 * commit on this instance, and on PostgreSQL every second for the other instances' (several
 * instances index one at a time). On SQLite every write after start is this process's: the command
 * line appends only while no server runs, and the start catches up with that. A message is
 * searchable within about BATCH_DELAY_MS of being sent on an idle server.
 */
@Injectable()
export class SearchIndexer implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('SearchIndexer');
  private readonly othersWrite: boolean;
  private scheduled?: NodeJS.Timeout;
  private catchUpTimer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private commits?: Subscription;

  constructor(
    private readonly index: SearchIndex,
    private readonly timeline: TimelineService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.othersWrite = config.database.driver === 'postgres';
  }

  onModuleInit(): void {
    this.commits = this.timeline.appended$.subscribe(() => this.schedule());
    if (this.othersWrite) this.catchUpTimer = setInterval(() => this.schedule(), CATCH_UP_MS).unref();
    this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.commits?.unsubscribe();
    clearInterval(this.catchUpTimer);
    clearTimeout(this.scheduled);
    await this.running;
  }

  /** Something was committed: index it soon, together with whatever commits meanwhile. */
  private schedule(delayMs = BATCH_DELAY_MS): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = setTimeout(() => {
      this.scheduled = undefined;
      this.run();
    }, delayMs);
    this.scheduled.unref();
  }

  /** Batch after batch until the index has caught up, letting requests in between; shutdown stops it between two. */
  private async catchUp(): Promise<void> {
    while (!this.stopped && (await this.index.indexNext(BATCH_SIZE)) === BATCH_SIZE) await nextTurn();
  }

  private run(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.catchUp()
      .catch((error: unknown) => {
        this.logger.warn(`Search indexing failed, retrying: ${String(error)}`);
        this.schedule(CATCH_UP_MS);
      })
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.schedule();
        }
      });
  }
}
