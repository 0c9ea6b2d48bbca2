import type { ServerLifecycle } from '../http/server-lifecycle';

export interface JobSchedule {
  firstDelayMs: number;
  intervalMs: number;
}

/**
 * Runs `work` once `firstDelayMs` after `start`, then `intervalMs` after each run ends: never two
 * runs at once. `stop` cancels what is planned and waits for a run in progress; long work checks
 * `stopping` (of the job it is given) between its steps to end early. The timers never keep the
 * process alive.
 */
export class PeriodicJob {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly work: (job: PeriodicJob) => Promise<void>,
    private readonly schedule: JobSchedule,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** A started job that stops as soon as the server begins to shut down (its owner still awaits `stop`). */
  static untilClosing(lifecycle: ServerLifecycle, work: (job: PeriodicJob) => Promise<void>, schedule: JobSchedule, onError: (error: unknown) => void): PeriodicJob {
    const job = new PeriodicJob(work, schedule, onError);
    lifecycle.onClosing(() => void job.stop());
    job.start();
    return job;
  }

  get stopping(): boolean {
    return this.stopped;
  }

  start(): void {
    this.plan(this.schedule.firstDelayMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private plan(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => this.run(), delayMs);
    this.timer.unref();
  }

  private run(): void {
    this.running = this.work(this)
      .catch(this.onError)
      .finally(() => {
        this.running = undefined;
        this.plan(this.schedule.intervalMs);
      });
  }
}
