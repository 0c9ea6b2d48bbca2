import { Module } from '@nestjs/common';
import { TimelineRepository } from './timeline.repository';
import { TimelineService } from './timeline.service';
import { TimelineWriter } from './timeline-writer';

/** Exports the reads (TimelineRepository) and the one way to write (TimelineService.transaction). */
@Module({
  providers: [TimelineRepository, TimelineWriter, TimelineService],
  exports: [TimelineRepository, TimelineService],
})
export class TimelineModule {}
