/** The badge holds four characters at most; past 99 the exact number stops mattering. */
export function badgeText(totalUnread: number): string {
  if (totalUnread <= 0) return '';
  return totalUnread > 99 ? '99+' : String(totalUnread);
}
