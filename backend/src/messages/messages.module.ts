import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { PresenceModule } from '../presence/presence.module';
import { RoomsModule } from '../rooms/rooms.module';
import { TimelineModule } from '../timeline/timeline.module';
import { UsersModule } from '../users/users.module';
import { MessagesController } from './messages.controller';
import { MessagesFastPath } from './messages-fast-path';
import { MessagesService } from './messages.service';

@Module({
  imports: [TimelineModule, RoomsModule, UsersModule, PresenceModule, AuthModule, ConversationsModule],
  controllers: [MessagesController],
  providers: [MessagesService, MessagesFastPath],
  exports: [MessagesService],
})
export class MessagesModule {}
