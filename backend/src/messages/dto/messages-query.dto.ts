import { HistoryQuery, LIMITS, MessagesQuery } from '@chatroom/shared';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { IsMessageId, IsPageLimit, IsNameOrRoomId, IsStorableText, NotWith, Optional, QueryWholeNumber } from '../../common/validators';
import { CurrentMessageDto, MessageResponseDto } from './send-message.dto';

export class MessagesQueryDto implements MessagesQuery {
  /** Return messages with ids above this one. */
  @Optional()
  @QueryWholeNumber()
  @IsMessageId('last_id')
  last_id?: number;

  /** Seconds to wait for a message when there is none yet (long-poll). */
  @Optional()
  @QueryWholeNumber()
  @IsInt({ message: 'timeout must be a whole number of seconds.' })
  @Min(0)
  @Max(LIMITS.pollTimeoutMaxSeconds)
  timeout?: number;

  @Optional()
  @IsPageLimit(LIMITS.messagesPageMax)
  limit?: number;

  /** Accepted from old clients; must be the signed-in user. */
  @Optional()
  @IsString()
  @IsStorableText()
  username?: string;
}

export class MessagesResponseDto {
  messages: MessageResponseDto[];
  last_id: number;
}

export class HistoryQueryDto implements HistoryQuery {
  /** A username or a room id. */
  @IsNameOrRoomId()
  with: string;

  /** The newest page of messages older than this id (the default: the newest page). At most one of before, after and around. */
  @Optional()
  @QueryWholeNumber()
  @IsMessageId('before', 1)
  before?: number;

  /** The oldest page of messages newer than this id. */
  @Optional()
  @QueryWholeNumber()
  @IsMessageId('after')
  @NotWith('before')
  after?: number;

  /**
   * A page centred where this id falls (a message's, or any id such as your read marker + 1): about
   * half of it older than the id, the rest from it on.
   */
  @Optional()
  @QueryWholeNumber()
  @IsMessageId('around', 1)
  @NotWith('before', 'after')
  around?: number;

  @Optional()
  @IsPageLimit(LIMITS.historyPageMax)
  limit?: number;
}

export class HistoryResponseDto {
  /** Messages, events and announcements in their current state. */
  messages: CurrentMessageDto[];
  /** Older messages remain before the first one returned. */
  has_more: boolean;
  /** Newer messages remain after the last one returned. */
  has_more_after: boolean;
}
