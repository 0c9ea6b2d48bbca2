import { RateLimitStorage } from './rate-limit-storage';

describe('RateLimitStorage', () => {
  const TTL = 60_000;
  let storage: RateLimitStorage;
  beforeEach(() => (storage = new RateLimitStorage()));
  afterEach(() => storage.onApplicationShutdown());

  it('counts hits for ttl after each one, and blocks the hit over the limit for blockDuration', () => {
    const at = (ms: number) => storage.hit('send:user:a', TTL, 3, TTL, ms);
    expect([at(0), at(10_000), at(20_000)].map((r) => r.isBlocked)).toEqual([false, false, false]);
    // The first hit has left the window: three in the last minute again, not four.
    expect(at(60_000)).toMatchObject({ isBlocked: false, totalHits: 3 });
    expect(at(61_000)).toMatchObject({ isBlocked: true, timeToBlockExpire: 60 });
    expect(at(100_500)).toMatchObject({ isBlocked: true, timeToBlockExpire: 21 });
    // Once the block is over, counting starts afresh.
    expect(at(121_000)).toMatchObject({ isBlocked: false, totalHits: 1 });
  });

  it('keeps callers apart', () => {
    storage.hit('send:user:a', TTL, 1, TTL, 0);
    expect(storage.hit('send:user:a', TTL, 1, TTL, 1).isBlocked).toBe(true);
    expect(storage.hit('send:user:b', TTL, 1, TTL, 1).isBlocked).toBe(false);
  });

  it('stays exact over long runs of hits near a high limit', () => {
    const limit = 10_000;
    for (let ms = 0; ms < 3 * TTL; ms += 10) {
      const record = storage.hit('send:user:busy', TTL, limit, TTL, ms);
      expect(record.isBlocked).toBe(false);
      expect(record.totalHits).toBe(Math.min(ms / 10 + 1, TTL / 10));
    }
  });

  it('forgets callers whose hits and blocks have all run out', () => {
    storage.hit('auth:ip:1', TTL, 1, TTL, 0);
    storage.hit('auth:ip:1', TTL, 1, TTL, 1);
    storage.hit('auth:ip:2', TTL, 5, TTL, 0);
    storage.sweep(TTL);
    expect(storage.size).toBe(1);
    storage.sweep(TTL + 1);
    expect(storage.size).toBe(0);
  });
});
