/**
 * Rules about messages that server and client apply alike: relation kinds, mentions, reaction emoji,
 * excerpts, and how edit, delete and reaction entries fold into the message they change.
 */
import type { ChatMessage, CurrentMessage, MessageKind, Reaction, RelationKind } from './api';
import { LIMITS } from './limits';

const RELATION_KINDS: ReadonlySet<MessageKind> = new Set<RelationKind>(['edit', 'delete', 'reaction']);

/** Whether an entry changes an earlier message (`relates_to`) rather than saying something new. */
export function isRelationKind(kind: MessageKind): kind is RelationKind {
  return RELATION_KINDS.has(kind);
}

/** `@room` mentions every member of a room. */
export const ROOM_MENTION = 'room';

/** `@` starts a mention at the start of the text or after anything that cannot be part of a name (so not in `me@example.com`). */
const MENTION_START = '(?<![A-Za-z0-9_.@-])@';
const MENTION = new RegExp(`${MENTION_START}([A-Za-z0-9_.-]+)`, 'g');
const MENTION_BEING_TYPED = new RegExp(`${MENTION_START}([A-Za-z0-9_.-]*)$`);
const NAME = /^[A-Za-z0-9_.-]{3,32}$/;

/** One `@name` in a text: where its `@` is, the name as written, and the names it may stand for. */
export interface WrittenMention {
  index: number;
  written: string;
  /** As written, then without trailing dots and dashes (`thanks @bob.` names `bob` unless a `bob.` takes part). */
  names: [string, string];
}

/** Every `@name` of a text, in order, where the server looks for mentions. */
export function* writtenMentions(text: string): Generator<WrittenMention> {
  if (!text.includes('@')) return;
  for (const match of text.matchAll(MENTION)) {
    const written = match[1] ?? '';
    yield { index: match.index, written, names: [written, written.replace(/[.-]+$/, '')] };
  }
}

/** The start of an `@name` that ends a text (what was typed before the caret), or null when the server would see none there. */
export function mentionBeingTyped(text: string): string | null {
  return MENTION_BEING_TYPED.exec(text)?.[1] ?? null;
}

/**
 * The names `@name` may stand for in a text, lower-cased, each once (see WrittenMention). Which of
 * them are mentions depends on who takes part in the conversation.
 */
export function mentionCandidates(text: string): string[] {
  const names = new Set<string>();
  for (const mention of writtenMentions(text)) {
    for (const name of mention.names) if (NAME.test(name)) names.add(name.toLowerCase());
  }
  return [...names];
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const EMOJI_CODE_POINTS = /^[\p{Extended_Pictographic}\p{Emoji_Component}]+$/u;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
const FLAG = /^\p{Regional_Indicator}{2}$/u;
const KEYCAP = /^[0-9#*]\uFE0F?\u20E3$/u;

/** Whether `text` is one emoji (one grapheme: a pictograph with its modifiers and joiners, a flag or a keycap). */
export function isReactionEmoji(text: string): boolean {
  if (text.length === 0 || text.length > LIMITS.emojiMax || !EMOJI_CODE_POINTS.test(text)) return false;
  const [first, second] = graphemes.segment(text);
  if (first?.segment !== text || second) return false;
  return PICTOGRAPH.test(text) || FLAG.test(text) || KEYCAP.test(text);
}

/** The first LIMITS.excerptMax characters of a text (whole code points, never half a surrogate pair). */
export function excerptOf(text: string): string {
  if (text.length <= LIMITS.excerptMax) return text;
  return Array.from(text).slice(0, LIMITS.excerptMax).join('');
}

/** A `message` entry just delivered, in its current state: nobody has edited, deleted or reacted to it yet. */
export function freshState(message: ChatMessage): CurrentMessage {
  return { ...message, edited_at: null, deleted: false, reactions: [], reply_to: message.reply_to ?? null, mentions: message.mentions ?? [] };
}

/** A message after one edit, delete or reaction entry that relates to it; a deleted message stays as it is. */
export function applyChange(message: CurrentMessage, entry: ChatMessage): CurrentMessage {
  if (message.deleted || entry.relates_to !== message.id) return message;
  switch (entry.kind) {
    case 'edit':
      return {
        ...message,
        message: entry.message,
        edited_at: entry.timestamp,
        // As the server resolved them: it counts the author of the message answered (unless that is the sender).
        mentions: entry.mentions ?? message.mentions,
      };
    case 'delete':
      return { ...message, message: '', deleted: true, reactions: [], mentions: [] };
    case 'reaction':
      return { ...message, reactions: toggleReaction(message.reactions, entry.message, entry.sender, !entry.removed) };
    case 'message':
    case 'event':
    case 'announcement':
      return message;
  }
}

/** Reactions with `user`'s `emoji` added or taken back; an emoji nobody has any more goes. */
export function toggleReaction(reactions: Reaction[], emoji: string, user: string, add: boolean): Reaction[] {
  const existing = reactions.find((r) => r.emoji === emoji);
  if (add) {
    if (!existing) return [...reactions, { emoji, users: [user] }];
    if (existing.users.includes(user)) return reactions;
    return reactions.map((r) => (r === existing ? { emoji, users: [...r.users, user] } : r));
  }
  if (!existing?.users.includes(user)) return reactions;
  const users = existing.users.filter((u) => u !== user);
  return users.length ? reactions.map((r) => (r === existing ? { emoji, users } : r)) : reactions.filter((r) => r !== existing);
}

/** A reply's quote as its original now reads; other messages unchanged. */
export function withReplyPreview(message: CurrentMessage, original: CurrentMessage): CurrentMessage {
  if (message.reply_to?.id !== original.id) return message;
  const excerpt = original.deleted ? '' : excerptOf(original.message);
  if (message.reply_to.excerpt === excerpt && message.reply_to.deleted === original.deleted) return message;
  return { ...message, reply_to: { ...message.reply_to, excerpt, deleted: original.deleted } };
}

/** What a message says in one line (a preview, a notification): its text, or the names of its files when it has none. */
export function textOrFiles(message: Pick<ChatMessage, 'message' | 'attachments'>): string {
  return message.message || (message.attachments ?? []).map((file) => `📎 ${file.name}`).join(', ');
}
