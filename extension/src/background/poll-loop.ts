import type { ApiFor } from './api-client';
import { describeError, isUnauthenticated } from './server-errors';
import { backoffDelay, BackoffPolicy } from './backoff';
import type { Clock } from './clock';
import type { Outbox } from './outbox';
import type { StateStore } from './state';
import type { Sync } from './sync';
import type { Views } from './views';

export interface PollOptions {
  /** Under Chrome's 30 s limit for a pending fetch in a service worker. */
  pollTimeoutSeconds: number;
  backoff: BackoffPolicy;
}

export const DEFAULT_POLL_OPTIONS: PollOptions = {
  pollTimeoutSeconds: 20,
  backoff: { baseMs: 1_000, maxMs: 15_000 },
};

export interface PollLoopDeps {
  state: StateStore;
  views: Views;
  sync: Sync;
  outbox: Outbox;
  api: ApiFor;
  clock: Clock;
  random: () => number;
  options: PollOptions;
  /** The server no longer accepts the session's token. */
  onUnauthenticated(): Promise<void>;
  /** A poll was answered: the server is reachable with this session. */
  onPolled?(): void;
}

/**
 * The long-poll loop of one session: resync, then poll `/messages` from the stored `last_id` again
 * and again; after a failure, resync and retry with growing, jittered pauses.
 */
export class PollLoop {
  private running: Promise<void> | null = null;
  private pollAbort: AbortController | null = null;
  private pauseAbort: AbortController | null = null;
  private stopped = false;

  constructor(private readonly deps: PollLoopDeps) {}

  /** Starts the loop unless it runs already; called by every event that wakes the worker. */
  ensure(): void {
    if (this.stopped || this.running || !this.deps.state.current.session) return;
    this.running = this.run().finally(() => (this.running = null));
  }

  /** Cuts a pause short: someone is looking, so try the server now. */
  retryNow(): void {
    this.pauseAbort?.abort();
  }

  /** Ends the current session's loop without waiting for it (the loop itself may be the caller). */
  abort(): void {
    this.pollAbort?.abort();
    this.pauseAbort?.abort();
  }

  /** Ends the current session's loop and waits for it; `ensure()` starts the next one. */
  async interrupt(): Promise<void> {
    this.abort();
    await this.running;
  }

  /** Ends polling for good, as a stopped worker would; the stored state stays. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.interrupt();
  }

  private async run(): Promise<void> {
    const { state, views, sync, outbox, options } = this.deps;
    const abort = new AbortController();
    this.pollAbort = abort;
    const session = state.current.session;
    let failures = 0;
    let earlyEmpty = 0;
    let resynced = false;
    // A function, not a condition checked once: both change while the loop awaits.
    const ended = () => abort.signal.aborted || state.current.session !== session;
    while (!ended()) {
      try {
        if (!resynced) {
          await sync.resync();
          resynced = true;
          void outbox.flush();
        }
        const askedAt = this.deps.clock.now();
        const response = await this.deps.api().messages(state.current.sync.lastId ?? 0, options.pollTimeoutSeconds, abort.signal);
        if (ended()) break;
        failures = 0;
        views.setConnection('online', null);
        await sync.ingest(response);
        views.tell(response.ephemeral);
        this.deps.onPolled?.();
        // A send that failed while polls succeed (a dropped connection) is retried here.
        if (outbox.hasQueued) void outbox.flush();
        // A server shutting down answers every poll at once and empty: polling again at once would spin.
        // An answer with only ephemeral items (someone read or typed) is news, not a server going away.
        const early = this.deps.clock.now() - askedAt < (options.pollTimeoutSeconds * 1_000) / 2;
        if (early && !response.messages.length && !response.ephemeral?.length) {
          await this.pause(earlyEmpty);
          earlyEmpty += 1;
        } else {
          earlyEmpty = 0;
        }
      } catch (error) {
        if (ended()) break;
        if (isUnauthenticated(error)) {
          await this.deps.onUnauthenticated();
          break;
        }
        // After any failure the server may have moved on (reads elsewhere, restarts): resync first.
        resynced = false;
        views.setConnection('offline', describeError(error));
        await this.pause(failures);
        failures += 1;
      }
    }
  }

  private async pause(attempt: number): Promise<void> {
    this.pauseAbort = new AbortController();
    const delay = backoffDelay(attempt, this.deps.options.backoff, this.deps.random);
    await this.deps.clock.sleep(delay, this.pauseAbort.signal);
  }
}
