import { HistoryQuery, LIMITS, MessagesQuery } from '@chatroom/shared';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { MessageResponseDto } from './send-message.dto';

export class MessagesQueryDto implements MessagesQuery {
  /** Return messages with ids above this one. */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'last_id must be a whole number.' })
  @Min(0)
  last_id?: number;

  /** Seconds to wait for a message when there is none yet (long-poll). */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'timeout must be a whole number of seconds.' })
  @Min(0)
  @Max(LIMITS.pollTimeoutMaxSeconds)
  timeout?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number.' })
  @Min(1)
  @Max(LIMITS.messagesPageMax)
  limit?: number;

  /** Accepted from old clients; must be the signed-in user. */
  @IsOptional()
  @IsString()
  username?: string;
}

export class MessagesResponseDto {
  messages: MessageResponseDto[];
  last_id: number;
}

export class HistoryQueryDto implements HistoryQuery {
  /** A username or a room id. */
  @IsString()
  @Length(1, 40)
  with: string;

  /** Only messages older than this id; the newest when left out. */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'before must be a whole number.' })
  @Min(1)
  before?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number.' })
  @Min(1)
  @Max(LIMITS.historyPageMax)
  limit?: number;
}

export class HistoryResponseDto {
  messages: MessageResponseDto[];
  has_more: boolean;
}
