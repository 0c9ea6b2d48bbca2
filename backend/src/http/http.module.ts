import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MessagesModule } from '../messages/messages.module';
import { FastPath } from './fast-path';

/** The HTTP layer in front of the controllers: the fast path for sending and polling. */
@Module({
  imports: [AuthModule, MessagesModule],
  providers: [FastPath],
  exports: [FastPath],
})
export class HttpModule {}
