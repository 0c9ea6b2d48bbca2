import { mentionCandidates, ROOM_MENTION } from '@chatroom/shared';

export interface MentionContext {
  /** Who takes part in the conversation now: a room's members, or a DM's two users. */
  participants: readonly string[];
  /** Whether the conversation is a room (`@room` mentions every member). */
  room: boolean;
  /** The author of the text: never mentioned by it. */
  author: string;
  /** The author of the message the text answers: a reply mentions them. */
  replyAuthor?: string;
}

/**
 * Who a text mentions, by registered spelling, in the order they first appear: `@name` in any case
 * for a participant, every member for `@room` in a room, then the author of the message it answers.
 */
export function resolveMentions(text: string, context: MentionContext): string[] {
  const mentioned = new Set<string>();
  const candidates = mentionCandidates(text);
  if (candidates.length > 0) {
    const byName = new Map(context.participants.map((name) => [name.toLowerCase(), name]));
    for (const candidate of candidates) {
      if (context.room && candidate === ROOM_MENTION) for (const member of context.participants) mentioned.add(member);
      const participant = byName.get(candidate);
      if (participant) mentioned.add(participant);
    }
  }
  if (context.replyAuthor) mentioned.add(context.replyAuthor);
  mentioned.delete(context.author);
  return [...mentioned];
}
