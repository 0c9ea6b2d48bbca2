import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { MessagesModule } from '../messages/messages.module';
import { FastPath } from './fast-path';

/** The HTTP layer in front of the controllers: the fast path for sending, polling and unread counts. */
@Module({
  imports: [AuthModule, MessagesModule, ConversationsModule],
  providers: [FastPath],
  exports: [FastPath],
})
export class HttpModule {}
