/**
 * How much a conversation asks for your attention: one rule for the server's `/unread` badge and
 * the extension's toolbar, so that both always show the same number.
 */

/** Per conversation: `all` messages from others count, only `mentions` of you (replies to you included), or `none`. */
export const NOTIFY_LEVELS = ['all', 'mentions', 'none'] as const;
export type NotifyLevel = (typeof NOTIFY_LEVELS)[number];

export const DEFAULT_NOTIFY_LEVEL: NotifyLevel = 'all';

/** What the rule needs of one conversation. */
export interface AttentionInput {
  /** Unread messages from others. */
  unread: number;
  /** Unread mentions of you; replies to your messages are mentions. */
  mentions: number;
  notify: NotifyLevel;
  /** ISO 8601; while in the future the conversation is treated as `none`. */
  muted_until: string | null;
}

/** The level in force at `now`: a mute that has not ended yet silences the conversation whatever its level. */
export function effectiveNotifyLevel(notify: NotifyLevel, mutedUntil: string | null, now: number): NotifyLevel {
  return isInFuture(mutedUntil, now) ? 'none' : notify;
}

/**
 * Whether an unread entry asks for attention at a level (counts on the badge, may notify): under
 * `all` every one, under `mentions` one that mentions you (a reply to you does), under `none` none.
 */
export function asksAttention(level: NotifyLevel, mentionsYou: boolean): boolean {
  switch (level) {
    case 'all':
      return true;
    case 'mentions':
      return mentionsYou;
    case 'none':
      return false;
  }
}

/** How many of a conversation's unread entries count on the badge at `now` (milliseconds since the epoch). */
export function badgeCount(conversation: AttentionInput, now: number): number {
  const level = effectiveNotifyLevel(conversation.notify, conversation.muted_until, now);
  if (asksAttention(level, false)) return conversation.unread;
  return asksAttention(level, true) ? conversation.mentions : 0;
}

/** Whether an ISO 8601 time is after `now`; null (and anything unreadable) is not. */
export function isInFuture(time: string | null, now: number): boolean {
  if (time === null) return false;
  const at = Date.parse(time);
  return Number.isFinite(at) && at > now;
}
