import { Conversation, ReadRequest, ReadResponse, UnreadResponse } from '@chatroom/shared';
import { IsString, Length } from 'class-validator';
import { IsMessageId, IsStorableText } from '../../common/validators';
import { CurrentMessageDto } from '../../messages/dto/send-message.dto';

export class ReadMarkerDto implements ReadRequest {
  /** The other user's name for a DM, the room id for a room. */
  @IsString()
  @Length(1, 40)
  @IsStorableText()
  conversation: string;

  /** The id of the newest message read: a JSON number, never a string or an object. */
  @IsMessageId('last_read_id')
  last_read_id: number;
}

export class ConversationResponseDto implements Conversation {
  id: string;
  type: 'dm' | 'room';
  name: string;
  last_message: CurrentMessageDto | null;
  unread: number;
  /** Unread messages and edits that mention you. */
  mentions: number;
  last_read_id: number;
}

export class ConversationsResponseDto {
  conversations: ConversationResponseDto[];
}

export class ReadResponseDto implements ReadResponse {
  conversation: string;
  last_read_id: number;
  unread: number;
  mentions: number;
}

export class UnreadResponseDto implements UnreadResponse {
  total: number;
  conversations: Record<string, number>;
  /** Unread mentions of you, per conversation (conversations with none are left out). */
  mentions: Record<string, number>;
}
