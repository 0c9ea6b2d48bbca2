import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations/conversations.module';
import { RoomsModule } from '../rooms/rooms.module';
import { TimelineModule } from '../timeline/timeline.module';
import { UsersModule } from '../users/users.module';
import { SearchController } from './search.controller';
import { SearchIndexer } from './search-indexer';
import { SearchService } from './search.service';

/** GET /search, and the indexing that keeps it up to date: only the server imports it, so the command line never indexes. */
@Module({
  imports: [TimelineModule, RoomsModule, UsersModule, ConversationsModule],
  controllers: [SearchController],
  providers: [SearchService, SearchIndexer],
})
export class SearchModule {}
