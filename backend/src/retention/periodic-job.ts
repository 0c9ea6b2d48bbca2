/**
 * Runs `work` once `firstDelayMs` after `start`, then `intervalMs` after each run ends: never two
 * runs at once. `stop` cancels what is planned and waits for a run in progress; long work checks
 * `stopping` between its steps to end early. The timers never keep the process alive.
 */
export class PeriodicJob {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly work: () => Promise<void>,
    private readonly schedule: { firstDelayMs: number; intervalMs: number },
    private readonly onError: (error: unknown) => void,
  ) {}

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
    this.running = this.work()
      .catch(this.onError)
      .finally(() => {
        this.running = undefined;
        this.plan(this.schedule.intervalMs);
      });
  }
}
