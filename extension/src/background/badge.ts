import { AttentionInput, badgeCount } from '@chatroom/shared';
import { t } from '../platform/i18n';

/** One conversation's share of the badge: its unread counts, its level and mute, and its name for the tooltip. */
export interface BadgeEntry extends AttentionInput {
  name: string;
}

/** What the toolbar button shows. */
export interface BadgeLook {
  text: string;
  color: string;
  title: string;
}

/** Something under `all`, or a mention, waits. */
export const BADGE_RED = '#d93025';
/** Nothing asks for the user (the badge is empty then: see badgeLook). */
export const BADGE_GREY = '#80868b';
/** The button's own title (the manifest's `default_title`) when nothing waits. */
export const IDLE_TITLE = 'ChatRoom';
/** The tooltip names this many conversations, then says how many more. */
const NAMED_IN_TITLE = 5;

/** The badge holds four characters at most; past 99 the exact number stops mattering. */
export function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > 99 ? '99+' : String(count);
}

/**
 * The badge under issue #10's rule (attention.ts `badgeCount`, the one the server's `/unread`
 * `badge` is counted by): red with the number of what asks for the user, and a tooltip that says
 * who. Unread messages that ask for nothing (plain ones where only mentions count, any in a
 * conversation set to `none` or muted) raise no badge at all: the list shows them, quieter.
 */
export function badgeLook(entries: BadgeEntry[], now: number): BadgeLook {
  const loud = entries.map((entry) => ({ name: entry.name, count: badgeCount(entry, now) })).filter((e) => e.count > 0);
  const total = loud.reduce((sum, e) => sum + e.count, 0);
  if (total > 0) return { text: badgeText(total), color: BADGE_RED, title: t('badgeTitle', String(total), named(loud)) };
  return { text: '', color: BADGE_GREY, title: IDLE_TITLE };
}

function named(shares: { name: string; count: number }[]): string {
  const shown = shares.slice(0, NAMED_IN_TITLE).map((share) => `${share.name} (${share.count})`);
  const more = shares.length - NAMED_IN_TITLE;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}
