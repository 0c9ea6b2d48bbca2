import type { OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface HitLog {
  /** When each counted hit happened, oldest first; those before `head` have left the window. */
  hits: number[];
  head: number;
  blockedUntil: number;
  /** After this the record holds nothing worth keeping. */
  idleAfter: number;
}

/** Compact a log once this many expired entries sit before `head` and they are most of it. */
const COMPACT_AFTER = 1024;

/**
 * The throttler's rule (a hit counts for `ttl` after it happened; the hit over the limit blocks the
 * caller for `blockDuration`, after which counting starts afresh), without the throttler storage's
 * per-hit cost: that one copies a caller's whole list of hits on every request, which for a sender
 * near a high limit is thousands of entries and as much garbage per message. Here expired hits are
 * skipped by moving an index, and the list is compacted now and then.
 */
export class RateLimitStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logs = new Map<string, HitLog>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(sweepIntervalMs = 60_000) {
    this.sweeper = setInterval(() => this.sweep(Date.now()), sweepIntervalMs);
    this.sweeper.unref();
  }

  increment(key: string, ttl: number, limit: number, blockDuration: number): Promise<ThrottlerStorageRecord> {
    return Promise.resolve(this.hit(key, ttl, limit, blockDuration, Date.now()));
  }

  hit(key: string, ttl: number, limit: number, blockDuration: number, now: number): ThrottlerStorageRecord {
    let log = this.logs.get(key);
    if (!log) {
      log = { hits: [], head: 0, blockedUntil: 0, idleAfter: 0 };
      this.logs.set(key, log);
    }
    if (log.blockedUntil > now) {
      return { totalHits: log.hits.length - log.head, timeToExpire: seconds(log.blockedUntil - now), isBlocked: true, timeToBlockExpire: seconds(log.blockedUntil - now) };
    }
    if (log.blockedUntil !== 0) {
      log.hits = [];
      log.head = 0;
      log.blockedUntil = 0;
    }
    const { hits } = log;
    let oldest = hits[log.head];
    while (oldest !== undefined && oldest + ttl <= now) oldest = hits[++log.head];
    if (log.head >= COMPACT_AFTER && log.head * 2 >= hits.length) {
      log.hits = hits.slice(log.head);
      log.head = 0;
    }
    log.hits.push(now);
    log.idleAfter = now + ttl;
    const totalHits = log.hits.length - log.head;
    if (totalHits > limit && blockDuration > 0) {
      log.blockedUntil = now + blockDuration;
      log.idleAfter = Math.max(log.idleAfter, log.blockedUntil);
      return { totalHits, timeToExpire: seconds(ttl), isBlocked: true, timeToBlockExpire: seconds(blockDuration) };
    }
    // With every earlier hit expired, the oldest one left is the one just counted.
    return { totalHits, timeToExpire: seconds((oldest ?? now) + ttl - now), isBlocked: false, timeToBlockExpire: 0 };
  }

  /** Forgets callers whose every hit and block has run out. */
  sweep(now: number): void {
    for (const [key, log] of this.logs) if (log.idleAfter <= now) this.logs.delete(key);
  }

  get size(): number {
    return this.logs.size;
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeper);
  }
}

const seconds = (ms: number): number => Math.ceil(ms / 1000);
