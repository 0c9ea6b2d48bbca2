import { Module } from '@nestjs/common';
import { TimelineRepository } from './timeline.repository';
import { TimelineService } from './timeline.service';

@Module({
  providers: [TimelineRepository, TimelineService],
  exports: [TimelineService],
})
export class TimelineModule {}
