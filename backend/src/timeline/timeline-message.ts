import { ANNOUNCEMENT_RECIPIENT, Attachment, ChatMessage, isRoomId, MessageKind, ReplyPreview } from '@chatroom/shared';
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

/** The two users of a DM key (the same name twice for a note-to-self). */
export function directParticipants(key: string): [string, string] {
  return key.slice(DM_PREFIX.length).split(':') as [string, string];
}

/** What `viewer` calls a conversation: the other user's name for a DM, else the key itself (room id). */
export function conversationIdFor(key: string, viewer: string): string {
  if (!isDirectConversation(key)) return key;
  const [first, second] = directParticipants(key);
  return first === viewer ? second : first;
}

export interface NewTimelineMessage {
  kind: MessageKind;
  sender: string;
  recipient: string;
  body: string;
  clientId?: string | null;
  /**
   * Of an edit, delete or reaction: the message it changes and that message's conversation, which
   * the entry joins (a server admin deleting a DM is not one of its two users).
   */
  relatesTo?: { id: number; conversation: string };
  /** Of a message: the message it answers, as the sender saw it. */
  replyTo?: ReplyPreview;
  mentions?: string[];
  /** Of an edit: who it mentions that no earlier text of the message did. */
  newMentions?: string[];
  /** Of a reaction: the emoji is taken back. */
  removed?: boolean;
  /** Of a message: the files it carries, claimed in the same transaction. */
  attachments?: Attachment[];
}

/** A row of the messages table. */
export type TimelineRow = DatabaseSchema['messages'];

/** Names stored as a JSON array (null for none). */
export function namesColumn(names: readonly string[] | undefined): string | null {
  return names && names.length > 0 ? JSON.stringify(names) : null;
}

export function namesOf(column: string | null): string[] {
  return column === null ? [] : (JSON.parse(column) as string[]);
}

/** Attachments stored as a JSON array (null for none). */
export function attachmentsColumn(attachments: readonly Attachment[] | undefined): string | null {
  return attachments && attachments.length > 0 ? JSON.stringify(attachments) : null;
}

export function attachmentsOf(column: string | null): Attachment[] {
  return column === null ? [] : (JSON.parse(column) as Attachment[]);
}

/** A row as the timeline entry /messages delivers; `replyTo`, of a reply, is the message it answers. */
export function toChatMessage(row: TimelineRow, replyTo?: ReplyPreview): ChatMessage {
  const entry: ChatMessage = {
    id: row.id,
    kind: row.kind as MessageKind,
    sender: row.sender,
    recipient: row.recipient,
    message: row.body,
    timestamp: row.created_at,
    client_id: row.client_id,
  };
  switch (entry.kind) {
    case 'message':
      entry.reply_to = row.reply_to === null ? null : (replyTo ?? missingPreview(row.reply_to));
      entry.mentions = namesOf(row.mentions);
      entry.attachments = attachmentsOf(row.attachments);
      break;
    case 'edit':
      entry.relates_to = row.relates_to ?? 0;
      entry.mentions = namesOf(row.mentions);
      entry.new_mentions = namesOf(row.new_mentions);
      break;
    case 'delete':
      entry.relates_to = row.relates_to ?? 0;
      break;
    case 'reaction':
      entry.relates_to = row.relates_to ?? 0;
      entry.removed = row.removed === 1;
      break;
    case 'event':
    case 'announcement':
      break;
  }
  return entry;
}

/** Message rows are never removed (a deleted message keeps its id); should one be missing, its reply shows it as gone. */
function missingPreview(id: number): ReplyPreview {
  return { id, sender: '', excerpt: '', deleted: true };
}

/**
 * What deleting a message leaves of an entry that carried its text (the message itself and its
 * edits): the same as toChatMessage gives for the row the deletion erased. Changes `entry` in place.
 */
export function eraseText(entry: ChatMessage): void {
  entry.message = '';
  if (entry.kind === 'message') {
    entry.reply_to = null;
    entry.attachments = [];
  }
  if (entry.mentions) entry.mentions = [];
  if (entry.new_mentions) entry.new_mentions = [];
}
