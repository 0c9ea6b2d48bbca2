import { PeriodicJob } from './periodic-job';

describe('PeriodicJob', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** A run that stays in progress until `finish` is called. */
  function controlledWork() {
    const runs: (() => void)[] = [];
    const work = jest.fn(() => new Promise<void>((resolve) => runs.push(resolve)));
    return { work, finish: () => runs.shift()?.() };
  }

  it('runs shortly after start, then once per interval counted from the end of the previous run', async () => {
    const { work, finish } = controlledWork();
    const job = new PeriodicJob(work, { firstDelayMs: 1_000, intervalMs: 60_000 }, () => undefined);
    job.start();
    await jest.advanceTimersByTimeAsync(999);
    expect(work).toHaveBeenCalledTimes(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(work).toHaveBeenCalledTimes(1);

    // A run that takes longer than the interval is not joined by a second one.
    await jest.advanceTimersByTimeAsync(120_000);
    expect(work).toHaveBeenCalledTimes(1);
    finish();
    await jest.advanceTimersByTimeAsync(59_999);
    expect(work).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(work).toHaveBeenCalledTimes(2);
    finish();
    await job.stop();
  });

  it('keeps its schedule after a failed run, and reports the failure', async () => {
    const failure = new Error('database away');
    const work = jest.fn().mockRejectedValueOnce(failure).mockResolvedValue(undefined);
    const onError = jest.fn();
    const job = new PeriodicJob(work, { firstDelayMs: 10, intervalMs: 100 }, onError);
    job.start();
    await jest.advanceTimersByTimeAsync(10);
    expect(onError).toHaveBeenCalledWith(failure);
    await jest.advanceTimersByTimeAsync(100);
    expect(work).toHaveBeenCalledTimes(2);
    await job.stop();
  });

  it('stops: waits for the run in progress, which sees `stopping`, and plans no other', async () => {
    const { work, finish } = controlledWork();
    const job = new PeriodicJob(work, { firstDelayMs: 10, intervalMs: 100 }, () => undefined);
    job.start();
    await jest.advanceTimersByTimeAsync(10);
    let stopped = false;
    const stopping = job.stop().then(() => (stopped = true));
    expect(job.stopping).toBe(true);
    await jest.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    await jest.advanceTimersByTimeAsync(1_000);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('never runs when stopped before its first run', async () => {
    const work = jest.fn(() => Promise.resolve());
    const job = new PeriodicJob(work, { firstDelayMs: 10, intervalMs: 100 }, () => undefined);
    job.start();
    await job.stop();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(work).not.toHaveBeenCalled();
  });
});
