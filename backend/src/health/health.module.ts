import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { MessagesModule } from '../messages/messages.module';
import { DatabaseHealthIndicator } from './database.health';
import { HealthController } from './health.controller';
import { LongPollsHealthIndicator } from './long-polls.health';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), MessagesModule],
  controllers: [HealthController],
  providers: [DatabaseHealthIndicator, LongPollsHealthIndicator],
})
export class HealthModule {}
