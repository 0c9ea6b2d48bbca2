import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { RateLimitStorage } from './rate-limit-storage';

const MINUTE_MS = 60_000;

/** The one table of rate limits; RateLimiter and LoginThrottle count against it on every path. */
export const RateLimitsModule = ThrottlerModule.forRootAsync({
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => ({
    throttlers: [
      { name: 'auth', ttl: MINUTE_MS, limit: config.rateLimits.authPerMinute },
      { name: 'send', ttl: MINUTE_MS, limit: config.rateLimits.sendPerMinute },
    ],
    storage: new RateLimitStorage(),
  }),
});
