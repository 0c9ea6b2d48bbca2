import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations/conversations.module';
import { MessagesModule } from '../messages/messages.module';
import { UsersModule } from '../users/users.module';
import { TypingController } from './typing.controller';
import { TypingService } from './typing.service';

@Module({
  imports: [ConversationsModule, MessagesModule, UsersModule],
  controllers: [TypingController],
  providers: [TypingService],
})
export class TypingModule {}
