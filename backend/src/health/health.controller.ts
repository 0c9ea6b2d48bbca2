import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { ROUTES } from '@chatroom/shared';
import { Public } from '../common/public.decorator';
import { DatabaseHealthIndicator } from './database.health';
import { LongPollsHealthIndicator } from './long-polls.health';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly longPolls: LongPollsHealthIndicator,
  ) {}

  /** 200 when the server can reach its database, else 503; also how many long-polls wait here. */
  @Public()
  @Get(ROUTES.health)
  @HealthCheck()
  check() {
    return this.health.check([() => this.database.check('database'), () => this.longPolls.check('long_polls')]);
  }
}
