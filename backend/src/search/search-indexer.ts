import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { SearchIndex } from '../timeline/search-index';
import { TimelineService } from '../timeline/timeline.service';

/** How long after a commit the indexer waits for more to index with it. */
const BATCH_DELAY_MS = 20;
/** Entries per indexing transaction. */
const BATCH_SIZE = 500;
/** Catching up with what other instances wrote, or what a failed run left. */
const CATCH_UP_MS = 1000;

/**
 * Keeps the search index up with the timeline (SearchIndex.indexNext): shortly after each commit on
 * this instance, and every second for the others' (several instances on PostgreSQL index one at a
 * time). A message is searchable within about BATCH_DELAY_MS of being sent on an idle server.
 */
@Injectable()
export class SearchIndexer implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('SearchIndexer');
  private scheduled?: NodeJS.Timeout;
  private catchUpTimer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private commits?: Subscription;

  constructor(
    private readonly index: SearchIndex,
    private readonly timeline: TimelineService,
  ) {}

  onModuleInit(): void {
    this.commits = this.timeline.appended$.subscribe(() => this.schedule());
    this.catchUpTimer = setInterval(() => this.schedule(), CATCH_UP_MS).unref();
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
  private schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = setTimeout(() => {
      this.scheduled = undefined;
      this.run();
    }, BATCH_DELAY_MS);
    this.scheduled.unref();
  }

  private async catchUp(): Promise<void> {
    while ((await this.index.indexNext(BATCH_SIZE)) === BATCH_SIZE);
  }

  private run(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.catchUp()
      .catch((error: unknown) => this.logger.warn(`Search indexing failed, retrying: ${String(error)}`))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.schedule();
        }
      });
  }
}
