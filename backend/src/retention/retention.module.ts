import { Module } from '@nestjs/common';
import { TimelineModule } from '../timeline/timeline.module';
import { RetentionService } from './retention.service';

/** The server's daily erasing of old messages (RETENTION_DAYS); the command line does not run it. */
@Module({
  imports: [TimelineModule],
  providers: [RetentionService],
})
export class RetentionModule {}
