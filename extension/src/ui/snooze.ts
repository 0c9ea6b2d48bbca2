import { badgeCount, effectiveNotifyLevel, isInFuture, type Conversation } from '@chatroom/shared';
import { t, uiLanguage } from '../platform/i18n';

/** "Mute until I unmute": a mute with no end anyone will reach; "Unmute" takes it away. */
export const UNTIL_UNMUTED = '9999-12-31T23:59:59.999Z';

/** Where "until tomorrow" ends: the morning, in the browser's time zone. */
const MORNING_HOUR = 8;

const HOUR_MS = 3_600_000;

export type SnoozeChoice = 'hour' | 'tomorrow';
export type MuteChoice = 'hour' | 'eight-hours' | 'unmuted';

/** When a do-not-disturb chosen at `now` ends (ISO 8601). */
export function snoozeUntil(choice: SnoozeChoice, now: Date): string {
  if (choice === 'hour') return new Date(now.getTime() + HOUR_MS).toISOString();
  const morning = new Date(now);
  morning.setDate(morning.getDate() + 1);
  morning.setHours(MORNING_HOUR, 0, 0, 0);
  return morning.toISOString();
}

/** When a mute chosen at `now` ends (ISO 8601). */
export function muteUntil(choice: MuteChoice, now: Date): string {
  switch (choice) {
    case 'hour':
      return new Date(now.getTime() + HOUR_MS).toISOString();
    case 'eight-hours':
      return new Date(now.getTime() + 8 * HOUR_MS).toISOString();
    case 'unmuted':
      return UNTIL_UNMUTED;
  }
}

/** "until 14:05", "until tomorrow 08:00", "until Dec 24, 18:00", or "until you unmute" for UNTIL_UNMUTED; in the browser's language. */
export function describeUntil(iso: string, now: Date): string {
  if (iso === UNTIL_UNMUTED) return t('untilUnmuted');
  const at = new Date(iso);
  const time = at.toLocaleTimeString(uiLanguage(), { hour: '2-digit', minute: '2-digit' });
  if (at.toDateString() === now.toDateString()) return t('untilTime', time);
  const tomorrow = new Date(now);
  tomorrow.setDate(tomorrow.getDate() + 1);
  if (at.toDateString() === tomorrow.toDateString()) return t('untilTomorrow', time);
  return t('untilDate', at.toLocaleDateString(uiLanguage(), { month: 'short', day: 'numeric' }), time);
}

/** How a list row shows what waits: as asking for the user, quieter (only mentions count there), or greyed (counts for nothing). */
export type UnreadStyle = 'loud' | 'quiet' | 'silent';

/** By attention.ts, as the badge counts: what counts there is loud; what does not, quiet, or greyed where nothing counts. */
export function unreadStyle(conversation: Conversation, now: number): UnreadStyle {
  if (badgeCount(conversation, now) > 0) return 'loud';
  return effectiveNotifyLevel(conversation.notify, conversation.muted_until, now) === 'none' ? 'silent' : 'quiet';
}

/** Whether the conversation is muted now (a mute that has ended is not). */
export function isMuted(conversation: Conversation, now: number): boolean {
  return isInFuture(conversation.muted_until, now);
}
