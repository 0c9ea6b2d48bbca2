import { Logger } from '@nestjs/common';
import { Subject } from 'rxjs';
import type { AppConfig } from '../config/app-config';
import type { SearchIndex } from '../timeline/search-index';
import type { TimelineService } from '../timeline/timeline.service';
import { SearchIndexer } from './search-indexer';

/** An indexer over a fake index whose indexNext answers `indexed(limit)` entries read. */
function indexerOn(driver: 'sqlite' | 'postgres', indexed: (limit: number) => Promise<number>) {
  const indexNext = jest.fn(indexed);
  const appended = new Subject<void>();
  const config = { database: driver === 'sqlite' ? { driver, file: ':memory:' } : { driver, url: 'postgres://db' } } as AppConfig;
  const indexer = new SearchIndexer({ indexNext } as unknown as SearchIndex, { appended$: appended } as unknown as TimelineService, config);
  return { indexer, indexNext, commit: () => appended.next() };
}

/** Resolves once `condition` holds, checking on timers: it resolves only while the indexer lets timers run. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 1));
}

describe('SearchIndexer', () => {
  beforeEach(() => jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined));
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('lets other work run between two batches of a long catch-up', async () => {
    // Counts turns of the event loop for as long as the catch-up runs.
    let turns = 0;
    let catchingUp = true;
    const turn = (): void => {
      turns++;
      if (catchingUp) setImmediate(turn);
    };
    setImmediate(turn);
    const turnsAtBatch: number[] = [];
    const { indexer } = indexerOn('sqlite', (limit) => {
      turnsAtBatch.push(turns);
      catchingUp = turnsAtBatch.length < 20;
      return Promise.resolve(catchingUp ? limit : 0);
    });
    indexer.onModuleInit();
    await until(() => !catchingUp);
    expect(turnsAtBatch.at(-1)).toBeGreaterThanOrEqual((turnsAtBatch[0] ?? 0) + 19);
    await indexer.onApplicationShutdown();
  });

  it('stops between two batches at shutdown', async () => {
    const { indexer, indexNext } = indexerOn('sqlite', (limit) => Promise.resolve(limit));
    indexer.onModuleInit();
    await until(() => indexNext.mock.calls.length >= 3);
    // The backlog never ends: shutdown returns only if the loop looks at it between two batches.
    await expect(indexer.onApplicationShutdown()).resolves.toBeUndefined();
  }, 5_000);

  it.each([
    ['sqlite', false],
    ['postgres', true],
  ] as const)('on %s indexes at start and after each commit; polls for other instances: %s', async (driver, polls) => {
    jest.useFakeTimers();
    const { indexer, indexNext, commit } = indexerOn(driver, () => Promise.resolve(0));
    indexer.onModuleInit();
    await jest.advanceTimersByTimeAsync(100);
    expect(indexNext).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(indexNext.mock.calls.length > 1).toBe(polls);
    const before = indexNext.mock.calls.length;
    commit();
    commit();
    await jest.advanceTimersByTimeAsync(100);
    expect(indexNext).toHaveBeenCalledTimes(before + 1);
    await indexer.onApplicationShutdown();
  });

  it('tries again after a failed run, on SQLite too', async () => {
    jest.useFakeTimers();
    let calls = 0;
    const { indexer, indexNext } = indexerOn('sqlite', () => (++calls === 1 ? Promise.reject(new Error('database is locked')) : Promise.resolve(0)));
    indexer.onModuleInit();
    await jest.advanceTimersByTimeAsync(100);
    expect(indexNext).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(2_000);
    expect(indexNext).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(indexNext).toHaveBeenCalledTimes(2);
    await indexer.onApplicationShutdown();
  });
});
