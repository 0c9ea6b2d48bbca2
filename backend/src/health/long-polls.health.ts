import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { MessagesService } from '../messages/messages.service';

/** How many long-polls wait on this instance: what an operator watches when sizing a server. */
@Injectable()
export class LongPollsHealthIndicator {
  constructor(
    private readonly messages: MessagesService,
    private readonly health: HealthIndicatorService,
  ) {}

  check(key: string) {
    return this.health.check(key).up({ waiting: this.messages.waitingPolls });
  }
}
