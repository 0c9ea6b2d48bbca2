import { Body, Controller, Delete, Get, Param, Patch, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../common/current-user.decorator';
import { UseRateLimit } from '../common/rate-limit.guard';
import { EditMessageDto, MessageIdParam, OkResponseDto, ReactionParams, RevisionsResponseDto, WriteDto } from './dto/message-change.dto';
import { CurrentMessageDto } from './dto/send-message.dto';
import { MessageChangesService } from './message-changes.service';

@ApiTags('messages')
@ApiBearerAuth()
@Controller()
export class MessageChangesController {
  constructor(private readonly changes: MessageChangesService) {}

  /** One message, event or announcement you can see, in its current state (edits, deletion and reactions folded in). */
  @Get('/messages/:id')
  current(@CurrentUser() username: string, @Param() params: MessageIdParam): Promise<CurrentMessageDto> {
    return this.changes.current(username, params.id);
  }

  /**
   * Edits your own chat message (same rules as /send), within MESSAGE_EDIT_WINDOW_SECONDS of sending:
   * 403 edit_window_expired past it, 410 message_deleted once deleted. The same text again adds no entry.
   */
  @Patch('/messages/:id')
  @UseRateLimit('send')
  edit(@CurrentUser() username: string, @Param() params: MessageIdParam, @Body() body: EditMessageDto): Promise<CurrentMessageDto> {
    return this.changes.edit(username, params.id, body.message, body.client_id);
  }

  /**
   * Deletes a chat message: yours at any time, any in a room you are the admin of, any at all as a
   * server admin (ADMIN_USERS). Its text, every earlier text and its reactions are erased; the id stays.
   */
  @Delete('/messages/:id')
  @UseRateLimit('send')
  async delete(@CurrentUser() username: string, @Param() params: MessageIdParam, @Body() body: WriteDto): Promise<OkResponseDto> {
    await this.changes.delete(username, params.id, body.client_id);
    return { ok: true };
  }

  /** Every text a message you can see has had, oldest first (the last is the current one). */
  @Get('/messages/:id/revisions')
  async revisions(@CurrentUser() username: string, @Param() params: MessageIdParam): Promise<RevisionsResponseDto> {
    return { revisions: await this.changes.revisions(username, params.id) };
  }

  /** Adds your reaction (one emoji; at most 20 different ones per message); having it already changes nothing. */
  @Put('/messages/:id/reactions/:emoji')
  @UseRateLimit('send')
  react(@CurrentUser() username: string, @Param() params: ReactionParams, @Body() body: WriteDto): Promise<CurrentMessageDto> {
    return this.changes.react(username, params.id, params.emoji, true, body.client_id);
  }

  /** Takes your reaction back; not having it changes nothing. */
  @Delete('/messages/:id/reactions/:emoji')
  @UseRateLimit('send')
  unreact(@CurrentUser() username: string, @Param() params: ReactionParams, @Body() body: WriteDto): Promise<CurrentMessageDto> {
    return this.changes.react(username, params.id, params.emoji, false, body.client_id);
  }
}
