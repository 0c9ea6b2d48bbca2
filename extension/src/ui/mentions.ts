import { mentionBeingTyped, ROOM_MENTION, sameConversation, writtenMentions } from '@chatroom/shared';

/** The `@name` being typed at the caret: where its `@` is and what follows it so far. */
export interface MentionQuery {
  start: number;
  query: string;
}

/** `@` starts a mention where the server would see one: not inside a word or an address (`me@example.com`). */
export function mentionAt(text: string, caret: number): MentionQuery | null {
  const query = mentionBeingTyped(text.slice(0, caret));
  return query === null ? null : { start: caret - query.length - 1, query };
}

/** Names to offer for a query: those starting with it first, then those containing it, each once. */
export function mentionSuggestions(query: string, candidates: string[], max = 6): string[] {
  const q = query.toLowerCase();
  const unique = candidates.filter((name, i) => candidates.findIndex((other) => sameConversation(other, name)) === i);
  const starting = unique.filter((name) => name.toLowerCase().startsWith(q));
  const containing = unique.filter((name) => !name.toLowerCase().startsWith(q) && name.toLowerCase().includes(q));
  return [...starting, ...containing].slice(0, max);
}

/** The text with the mention being typed completed to `@name `, and where the caret goes. */
export function completeMention(text: string, caret: number, at: MentionQuery, name: string): { text: string; caret: number } {
  // The rest of a name the caret was inside is replaced too.
  const rest = text.slice(caret).replace(/^[A-Za-z0-9_.-]*/, '');
  const inserted = /^\s/.test(rest) ? `@${name}` : `@${name} `;
  return { text: text.slice(0, at.start) + inserted + rest, caret: at.start + inserted.length + (inserted.endsWith(' ') ? 0 : 1) };
}

/** Who a message in this conversation can mention: its other participants, and everyone at once in a room. */
export function mentionCandidates(participants: string[], me: string, isRoom: boolean): string[] {
  const others = participants.filter((name) => !sameConversation(name, me));
  return isRoom ? [...others, ROOM_MENTION] : others;
}

export type MentionSegment = { kind: 'text'; text: string } | { kind: 'mention'; text: string; me: boolean };

/**
 * Splits text into plain runs and the mentions the server found in it (`mentioned`), so mentions
 * stand out and those of `me` (or of the whole room) stand out more.
 */
export function mentionSegments(text: string, mentioned: string[], me: string): MentionSegment[] {
  if (!mentioned.length || !text.includes('@')) return [{ kind: 'text', text }];
  const segments: MentionSegment[] = [];
  let cursor = 0;
  for (const { index: start, written, names } of writtenMentions(text)) {
    // `thanks @bob.` mentions bob: the trailing dots and dashes are the sentence's.
    const name = names.find(
      (candidate) => sameConversation(candidate, ROOM_MENTION) || mentioned.some((m) => sameConversation(m, candidate)),
    );
    if (!name) continue;
    if (start > cursor) segments.push({ kind: 'text', text: text.slice(cursor, start) });
    const isMe = sameConversation(name, me) || sameConversation(name, ROOM_MENTION);
    segments.push({ kind: 'mention', text: `@${name === written ? written : written.slice(0, name.length)}`, me: isMe });
    cursor = start + 1 + name.length;
  }
  if (cursor < text.length) segments.push({ kind: 'text', text: text.slice(cursor) });
  return segments;
}
