import { ANNOUNCEMENT_RECIPIENT, ChatMessage, isRoomId, MessageKind } from '@chatroom/shared';
import type { DatabaseSchema } from '../storage/schema';

const DM_PREFIX = 'dm:';

/** The conversation a message belongs to: one key per pair of users, per room, and for announcements. */
export function conversationKey(sender: string, recipient: string): string {
  if (isRoomId(recipient) || recipient === ANNOUNCEMENT_RECIPIENT) return recipient;
  return DM_PREFIX + [sender, recipient].sort().join(':');
}

export function isDirectConversation(key: string): boolean {
  return key.startsWith(DM_PREFIX);
}

/** What `viewer` calls a conversation: the other user's name for a DM, else the key itself (room id). */
export function conversationIdFor(key: string, viewer: string): string {
  if (!isDirectConversation(key)) return key;
  const [first, second] = key.slice(DM_PREFIX.length).split(':') as [string, string];
  return first === viewer ? second : first;
}

export interface NewTimelineMessage {
  kind: MessageKind;
  sender: string;
  recipient: string;
  body: string;
  clientId?: string | null;
}

/** A row of the messages table. */
export type TimelineRow = DatabaseSchema['messages'];

export function toChatMessage(row: TimelineRow): ChatMessage {
  return {
    id: row.id,
    kind: row.kind as MessageKind,
    sender: row.sender,
    recipient: row.recipient,
    message: row.body,
    timestamp: row.created_at,
    client_id: row.client_id,
  };
}
