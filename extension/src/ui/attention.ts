import { CurrentMessage, Ephemeral, sameConversation } from '@chatroom/shared';
import { t } from '../platform/i18n';

/**
 * What a view shows of where people stopped reading and who types (issue #10): the pure rules, so
 * that they are tested without a browser.
 */

/** Who types in each conversation (lower-cased id), as the latest `typing` item said: each replaces the one before. */
export type TypingBoard = Record<string, string[]>;

/** The board after some ephemeral items; the same board when none was about typing. */
export function withTyping(board: TypingBoard, items: Ephemeral[]): TypingBoard {
  let next = board;
  for (const item of items) {
    if (item.type !== 'typing') continue;
    const { [item.conversation.toLowerCase()]: _replaced, ...rest } = next;
    next = item.users.length ? { ...rest, [item.conversation.toLowerCase()]: item.users } : rest;
  }
  return next;
}

export function typistsIn(board: TypingBoard, conversation: string): string[] {
  return board[conversation.toLowerCase()] ?? [];
}

/** "bob is typing…", "bob and carol are typing…", "3 people are typing…"; null when nobody is. */
export function typingText(users: string[]): string | null {
  const [first, second] = users;
  if (first === undefined) return null;
  if (second === undefined) return t('conversationTypingOne', first);
  return users.length === 2 ? t('conversationTypingTwo', first, second) : t('conversationTypingMany', String(users.length));
}

/** Read markers of the other members (user -> last read id), after some ephemeral items of `conversation`. */
export function withReadMarkers(markers: Record<string, number>, items: Ephemeral[], conversation: string): Record<string, number> {
  let next = markers;
  for (const item of items) {
    // A marker also moves back (mark as unread): the newest item is the truth.
    if (item.type === 'read' && sameConversation(item.conversation, conversation)) next = { ...next, [item.user]: item.last_read_id };
  }
  return next;
}

/** Where "Seen" goes: the newest of the user's messages that someone else has read, and who has. */
export interface SeenLine {
  id: number;
  readers: string[];
}

export function seenLine(messages: CurrentMessage[], markers: Record<string, number>, me: string): SeenLine | null {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (!message || message.kind !== 'message' || message.deleted || !sameConversation(message.sender, me)) continue;
    const readers = Object.entries(markers)
      .filter(([user, lastRead]) => lastRead >= message.id && !sameConversation(user, me))
      .map(([user]) => user)
      .sort();
    if (readers.length) return { id: message.id, readers };
  }
  return null;
}

/** "Seen" in a DM; "Seen by N" in a room (the names go in the tooltip). */
export function seenText(line: SeenLine, room: boolean): string {
  return room ? t('conversationSeenByCount', String(line.readers.length)) : t('conversationSeen');
}

/** The first message after `readThrough` that someone else wrote: "New messages" goes above it. */
export function firstUnreadId(messages: CurrentMessage[], readThrough: number, me: string): number | null {
  const first = messages.find((m) => m.id > readThrough && m.kind === 'message' && !sameConversation(m.sender, me));
  return first?.id ?? null;
}
