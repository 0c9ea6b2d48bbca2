import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { HttpEdge } from './http-edge';
import { RateLimiter } from './rate-limit.guard';
import { APP_LOGGER, createAppLogger, RequestLog } from './request-log';

/**
 * The steps that protect every request, whichever path serves it: headers and CORS, rate limits,
 * the request log. Global, so route guards in any module can count against the limits.
 */
@Global()
@Module({
  providers: [
    HttpEdge,
    RateLimiter,
    RequestLog,
    { provide: APP_LOGGER, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createAppLogger(config) },
  ],
  exports: [HttpEdge, RateLimiter, RequestLog, APP_LOGGER],
})
export class EdgeModule {}
