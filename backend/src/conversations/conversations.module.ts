import { Module } from '@nestjs/common';
import { RoomsModule } from '../rooms/rooms.module';
import { TimelineModule } from '../timeline/timeline.module';
import { UsersModule } from '../users/users.module';
import { ConversationsController } from './conversations.controller';
import { ConversationsService } from './conversations.service';
import { ReadMarkersRepository } from './read-markers.repository';

@Module({
  imports: [TimelineModule, RoomsModule, UsersModule],
  controllers: [ConversationsController],
  providers: [ReadMarkersRepository, ConversationsService],
  exports: [ConversationsService],
})
export class ConversationsModule {}
