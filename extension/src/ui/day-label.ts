import { t, uiLanguage } from '../platform/i18n';
import { sameLocalDay } from './message-groups';

/** What a day separator says: "Today", "Yesterday", or the date in the browser's language. */
export function dayLabel(timestamp: string, now: Date = new Date(), locale = uiLanguage()): string {
  const day = new Date(timestamp);
  if (sameLocalDay(day, now)) return t('dayToday');
  // The calendar's previous day, not 24 hours back: a day is 23 or 25 hours long when the clocks change.
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
  if (sameLocalDay(day, yesterday)) return t('dayYesterday');
  return new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(day.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }),
  }).format(day);
}

/** How long from `now` until the local day changes (a separator's "Today" becomes "Yesterday" then). */
export function untilNextDay(now: Date): number {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime() - now.getTime();
}

/** A message's date and time in full, in the browser's language: the title of a grouped message. */
export function fullTime(timestamp: string, locale = uiLanguage()): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' }).format(new Date(timestamp));
}

/** Hours and minutes in the browser's language: the time a grouped message shows on hover. */
export function clockTime(timestamp: string, locale = uiLanguage()): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(new Date(timestamp));
}
