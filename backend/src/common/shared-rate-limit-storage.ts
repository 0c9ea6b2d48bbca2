import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** How long a Redis command may take before the request goes on without it. */
const COMMAND_TIMEOUT_MS = 500;
/** How long start-up waits for Redis, so that a restarted server counts from its first request. */
const CONNECT_WAIT_MS = 3_000;
/** Redis being away is said once per this long, not once per request. */
const WARN_EVERY_MS = 60_000;

/**
 * Rate limits counted in Redis (REDIS_URL), so that every instance of a cluster counts against the
 * same limits. If Redis cannot answer, requests go through uncounted rather than fail: a chat that
 * stops because its rate limiter's store is away would be worse than one briefly unlimited, and the
 * failed-login limits still hold on each instance (LoginThrottle keeps its own tallies).
 */
export class SharedRateLimitStorage implements ThrottlerStorage, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SharedRateLimitStorage.name);
  private readonly redis: ThrottlerStorageRedisService;
  private warnedAt = 0;

  constructor(url: string, keyPrefix: string) {
    this.redis = new ThrottlerStorageRedisService(url, {
      keyPrefix,
      commandTimeout: COMMAND_TIMEOUT_MS,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
    });
    // ioredis reports a lost connection as an error event, and reconnects by itself.
    this.redis.redis.on('error', (error: Error) => this.warn(error));
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    try {
      return await this.redis.increment(key, ttl, limit, blockDuration, throttlerName);
    } catch (error) {
      this.warn(error);
      return { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };
    }
  }

  /** Without the offline queue, a command sent before the connection is up fails (and goes uncounted). */
  async onApplicationBootstrap(): Promise<void> {
    const connection = this.redis.redis;
    if (connection.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        connection.off('ready', done);
        resolve();
      };
      const timer = setTimeout(done, CONNECT_WAIT_MS);
      connection.once('ready', done);
    });
  }

  onApplicationShutdown(): void {
    this.redis.onModuleDestroy();
  }

  private warn(error: unknown): void {
    const now = Date.now();
    if (now - this.warnedAt < WARN_EVERY_MS) return;
    this.warnedAt = now;
    this.logger.warn(`Rate limits go uncounted while Redis cannot answer: ${String(error)}`);
  }
}
