import { Module } from '@nestjs/common';
import { TimelineRepository } from './timeline.repository';
import { TimelineService } from './timeline.service';
import { TimelineWriter } from './timeline-writer';
import { SearchIndex } from './search-index';

/** Exports the reads (TimelineRepository, SearchIndex) and the one way to write (TimelineService.transaction). */
@Module({
  providers: [TimelineRepository, TimelineWriter, TimelineService, SearchIndex],
  exports: [TimelineRepository, TimelineService, SearchIndex],
})
export class TimelineModule {}
