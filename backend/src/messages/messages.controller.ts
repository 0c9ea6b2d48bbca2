import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { LIMITS, ROUTES } from '@chatroom/shared';
import type { Response } from 'express';
import { assertActingUser } from '../common/acting-user';
import { CurrentUser } from '../common/current-user.decorator';
import { UseRateLimit } from '../common/rate-limit.guard';
import { HistoryQueryDto, HistoryResponseDto, MessagesQueryDto, MessagesResponseDto } from './dto/messages-query.dto';
import { MessageResponseDto, SendMessageDto } from './dto/send-message.dto';
import { MessagesService, pollOptionsFor } from './messages.service';

@ApiTags('messages')
@ApiBearerAuth()
@Controller()
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  /**
   * Sends a direct message or a room message, optionally answering one (reply_to) and carrying
   * files uploaded before (attachments). 201 when stored; 200 when a retry's client_id matched the
   * first copy.
   */
  @Post(ROUTES.send)
  @UseRateLimit('send')
  async send(
    @CurrentUser() username: string,
    @Body() body: SendMessageDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<MessageResponseDto> {
    assertActingUser(body.sender, username, 'sender');
    const { message, created } = await this.messages.send(username, body);
    response.status(created ? 201 : 200);
    return message;
  }

  /** Messages you can see with ids above last_id, oldest first; with timeout, waits for the next one (long-poll). */
  @Get(ROUTES.messages)
  messagesAfter(
    @CurrentUser() username: string,
    @Query() query: MessagesQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<MessagesResponseDto> {
    assertActingUser(query.username, username, 'username');
    return this.messages.poll(username, pollOptionsFor(query, response));
  }

  /**
   * A page of one conversation in its current state (edits, deletes and reactions folded in): the
   * newest, the one before `before` (scrolling back), after `after` (scrolling forward) or centred
   * `around` an id (a first unread message, a reply's original, a search result).
   */
  @Get(ROUTES.history)
  history(@CurrentUser() username: string, @Query() query: HistoryQueryDto): Promise<HistoryResponseDto> {
    return this.messages.history(username, query.with, query, query.limit ?? LIMITS.historyPageDefault);
  }
}
