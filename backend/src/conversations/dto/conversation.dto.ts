import { Conversation, ReadRequest, ReadResponse, UnreadResponse } from '@chatroom/shared';
import { Type } from 'class-transformer';
import { IsInt, IsString, Length, Min } from 'class-validator';
import { MessageResponseDto } from '../../messages/dto/send-message.dto';

export class ReadMarkerDto implements ReadRequest {
  /** The other user's name for a DM, the room id for a room. */
  @IsString()
  @Length(1, 40)
  conversation: string;

  /** The id of the newest message read. */
  @Type(() => Number)
  @IsInt({ message: 'last_read_id must be a whole number.' })
  @Min(0)
  last_read_id: number;
}

export class ConversationResponseDto implements Conversation {
  id: string;
  type: 'dm' | 'room';
  name: string;
  last_message: MessageResponseDto | null;
  unread: number;
  last_read_id: number;
}

export class ConversationsResponseDto {
  conversations: ConversationResponseDto[];
}

export class ReadResponseDto implements ReadResponse {
  conversation: string;
  last_read_id: number;
  unread: number;
}

export class UnreadResponseDto implements UnreadResponse {
  total: number;
  conversations: Record<string, number>;
}
