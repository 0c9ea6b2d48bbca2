import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { RateLimitStorage } from './rate-limit-storage';
import { SharedRateLimitStorage } from './shared-rate-limit-storage';

const MINUTE_MS = 60_000;

/**
 * The one table of rate limits; RateLimiter and LoginThrottle count against it on every path: in
 * Redis when REDIS_URL is set (shared by every instance), else in this instance's memory.
 */
export const RateLimitsModule = ThrottlerModule.forRootAsync({
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => ({
    throttlers: [
      { name: 'auth', ttl: MINUTE_MS, limit: config.rateLimits.authPerMinute },
      { name: 'send', ttl: MINUTE_MS, limit: config.rateLimits.sendPerMinute },
    ],
    storage: config.redis ? new SharedRateLimitStorage(config.redis.url, config.redis.keyPrefix) : new RateLimitStorage(),
  }),
});
