import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ROUTES } from '@chatroom/shared';
import { CurrentUser } from '../common/current-user.decorator';
import { ConversationsService } from './conversations.service';
import { ConversationsResponseDto, ReadMarkerDto, ReadResponseDto, UnreadResponseDto } from './dto/conversation.dto';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller()
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  /** Your DMs and rooms, each with its last message and unread count, most recent first. */
  @Get(ROUTES.conversations)
  async list(@CurrentUser() username: string): Promise<ConversationsResponseDto> {
    return { conversations: await this.conversations.list(username) };
  }

  /** Moves your read marker in one conversation forward (never backwards). */
  @Post(ROUTES.read)
  @HttpCode(200)
  read(@CurrentUser() username: string, @Body() body: ReadMarkerDto): Promise<ReadResponseDto> {
    return this.conversations.markRead(username, body.conversation, body.last_read_id);
  }

  /** Unread counts: the total and per conversation (conversations with none are left out). */
  @Get(ROUTES.unread)
  unread(@CurrentUser() username: string): Promise<UnreadResponseDto> {
    return this.conversations.unread(username);
  }
}
