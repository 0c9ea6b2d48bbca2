import {
  Conversation,
  ConversationSettings,
  ConversationSettingsRequest,
  MarkUnreadRequest,
  NOTIFY_LEVELS,
  NotifyLevel,
  ReadRequest,
  ReadResponse,
  ReadStateResponse,
  UnreadResponse,
} from '@chatroom/shared';
import { IsIn } from 'class-validator';
import { IsMessageId, IsNameOrRoomId, IsZonedTimeOrNull, Optional } from '../../common/validators';
import { CurrentMessageDto } from '../../messages/dto/send-message.dto';

export class ReadMarkerDto implements ReadRequest {
  /** The other user's name for a DM, the room id for a room. */
  @IsNameOrRoomId()
  conversation: string;

  /** The id of the newest message read: a JSON number, never a string or an object. */
  @IsMessageId('last_read_id')
  last_read_id: number;
}

export class MarkUnreadDto implements MarkUnreadRequest {
  /** The other user's name for a DM, the room id for a room. */
  @IsNameOrRoomId()
  conversation: string;

  /** The first message to be unread again: one of this conversation that you can see. */
  @IsMessageId('from_id', 1)
  from_id: number;
}

export class ConversationIdParam {
  /** The other user's name for a DM, the room id for a room. */
  @IsNameOrRoomId()
  id: string;
}

export class ConversationSettingsDto implements ConversationSettingsRequest {
  /** `all`: every message from others counts on the badge and notifies; `mentions`: only mentions of you (replies to you included); `none`: nothing. */
  @Optional()
  @IsIn(NOTIFY_LEVELS, { message: `notify must be one of ${NOTIFY_LEVELS.join(', ')}.` })
  notify?: NotifyLevel;

  /** ISO 8601 with its offset: until then the conversation counts as `none`; null to unmute. */
  @Optional()
  @IsZonedTimeOrNull()
  muted_until?: string | null;
}

export class ConversationSettingsResponseDto implements ConversationSettings {
  notify: NotifyLevel;
  /** UTC, or null when not muted. */
  muted_until: string | null;
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
  /** Your notification level here (default `all`). */
  notify: NotifyLevel;
  /** UTC: muted (counted as `none`) until then; null when not muted. */
  muted_until: string | null;
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
  /** Every unread message from others. */
  total: number;
  /** What the toolbar shows: unread messages counted by each conversation's notification level and mute. */
  badge: number;
  conversations: Record<string, number>;
  /** Unread mentions of you, per conversation (conversations with none are left out). */
  mentions: Record<string, number>;
}

export class ReadStateResponseDto implements ReadStateResponse {
  /** Each other member's read marker (the id of the last entry they read), for those who share read receipts and have read anything. */
  markers: Record<string, number>;
}
