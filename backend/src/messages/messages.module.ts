import { ConversationsModule } from '../conversations/conversations.module';
import { Module } from '@nestjs/common';
import { PresenceModule } from '../presence/presence.module';
import { RoomsModule } from '../rooms/rooms.module';
import { TimelineModule } from '../timeline/timeline.module';
import { UploadsModule } from '../uploads/uploads.module';
import { UsersModule } from '../users/users.module';
import { MessageAccess } from './message-access';
import { MessageChangesController } from './message-changes.controller';
import { MessageChangesService } from './message-changes.service';
import { MessagesController } from './messages.controller';
import { MessagesService } from './messages.service';

@Module({
  imports: [TimelineModule, RoomsModule, UsersModule, PresenceModule, UploadsModule, ConversationsModule],
  controllers: [MessagesController, MessageChangesController],
  providers: [MessagesService, MessageChangesService, MessageAccess],
  exports: [MessagesService],
})
export class MessagesModule {}
