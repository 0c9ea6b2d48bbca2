import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { ErrorCode, ROUTES } from '@chatroom/shared';
import type { Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { ApiException } from '../common/api-exception';
import { Public } from '../common/public.decorator';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Metrics } from './metrics';

const digest = (text: string) => createHash('sha256').update(text).digest();

@Controller()
export class MetricsController {
  private readonly expected?: Buffer;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly metrics: Metrics,
  ) {
    if (config.metricsToken !== undefined) this.expected = digest(`Bearer ${config.metricsToken}`);
  }

  /** Prometheus metrics, for `Authorization: Bearer <METRICS_TOKEN>`; 404 while METRICS_TOKEN is unset. */
  @Public()
  @ApiExcludeEndpoint()
  @Get(ROUTES.metrics)
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() response: Response): Promise<void> {
    if (!this.expected) throw new ApiException(ErrorCode.NotFound, 'Metrics are off on this server (METRICS_TOKEN is unset).');
    // Compared as digests of equal length, in constant time.
    if (!timingSafeEqual(digest(authorization ?? ''), this.expected)) {
      throw new ApiException(ErrorCode.Unauthenticated, 'Send Authorization: Bearer <METRICS_TOKEN>.', 'Authorization');
    }
    const body = await this.metrics.registry.metrics();
    // Exactly the type Prometheus's text format names: Express's `type` would add a charset to it.
    response.setHeader('Content-Type', this.metrics.registry.contentType);
    response.end(body);
  }
}
