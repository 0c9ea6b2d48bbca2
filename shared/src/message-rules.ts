/** Rules about messages that server and client apply alike: relation kinds, mentions, reaction emoji, excerpts. */
import type { ChatMessage, CurrentMessage, MessageKind, RelationKind } from './api';
import { LIMITS } from './limits';

const RELATION_KINDS: ReadonlySet<MessageKind> = new Set<RelationKind>(['edit', 'delete', 'reaction']);

/** Whether an entry changes an earlier message (`relates_to`) rather than saying something new. */
export function isRelationKind(kind: MessageKind): kind is RelationKind {
  return RELATION_KINDS.has(kind);
}

/** `@room` mentions every member of a room. */
export const ROOM_MENTION = 'room';

/** `@` starts a mention at the start of the text or after anything that cannot be part of a name (so not in `me@example.com`). */
const MENTION = /(?<![A-Za-z0-9_.@-])@([A-Za-z0-9_.-]+)/g;
const NAME = /^[A-Za-z0-9_.-]{3,32}$/;

/**
 * The names `@name` may stand for in a text, lower-cased, each once: the name as written, and
 * without trailing dots and dashes (`thanks @bob.` names `bob` unless a `bob.` takes part).
 * Which of them are mentions depends on who takes part in the conversation.
 */
export function mentionCandidates(text: string): string[] {
  if (!text.includes('@')) return [];
  const names = new Set<string>();
  for (const match of text.matchAll(MENTION)) {
    const written = (match[1] ?? '').toLowerCase();
    for (const name of [written, written.replace(/[.-]+$/, '')]) if (NAME.test(name)) names.add(name);
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
