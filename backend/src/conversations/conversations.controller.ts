import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ROUTES } from '@chatroom/shared';
import { CurrentUser } from '../common/current-user.decorator';
import { ConversationsService } from './conversations.service';
import {
  ConversationIdParam,
  ConversationSettingsDto,
  ConversationSettingsResponseDto,
  ConversationsResponseDto,
  MarkUnreadDto,
  ReadMarkerDto,
  ReadResponseDto,
  ReadStateResponseDto,
  UnreadResponseDto,
} from './dto/conversation.dto';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller()
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  /** Your DMs and rooms, each with its last message, unread count and your notification settings, most recent first. */
  @Get(ROUTES.conversations)
  async list(@CurrentUser() username: string): Promise<ConversationsResponseDto> {
    return { conversations: await this.conversations.list(username) };
  }

  /**
   * Your notification settings for one conversation, shared by all your sessions: a DM with anyone
   * who has an account, or a room you are in. Fields left out keep their values.
   */
  @Put('/conversations/:id/settings')
  updateSettings(
    @CurrentUser() username: string,
    @Param() params: ConversationIdParam,
    @Body() body: ConversationSettingsDto,
  ): Promise<ConversationSettingsResponseDto> {
    return this.conversations.updateSettings(username, params.id, body);
  }

  /**
   * Where the other members of a conversation you are in stopped reading ("Seen"): those who share
   * read receipts. Their moves after this arrive on the long-poll as `ephemeral` items.
   */
  @Get('/conversations/:id/read-state')
  readState(@CurrentUser() username: string, @Param() params: ConversationIdParam): Promise<ReadStateResponseDto> {
    return this.conversations.readState(username, params.id);
  }

  /** Moves your read marker in one conversation forward (never backwards). */
  @Post(ROUTES.read)
  @HttpCode(200)
  read(@CurrentUser() username: string, @Body() body: ReadMarkerDto): Promise<ReadResponseDto> {
    return this.conversations.markRead(username, body.conversation, body.last_read_id);
  }

  /** Unread counts: the total and per conversation (conversations with none are left out), and the badge. */
  @Get(ROUTES.unread)
  unread(@CurrentUser() username: string): Promise<UnreadResponseDto> {
    return this.conversations.unread(username);
  }

  /**
   * Marks as unread: moves your read marker back so that `from_id` and everything after it is
   * unread again (never forwards: that is POST /read). Answers as POST /read does.
   */
  @Post(ROUTES.unread)
  @HttpCode(200)
  markUnread(@CurrentUser() username: string, @Body() body: MarkUnreadDto): Promise<ReadResponseDto> {
    return this.conversations.markUnread(username, body.conversation, body.from_id);
  }
}
