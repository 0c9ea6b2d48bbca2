import { localStore } from '../platform/page-api';

/** Offered in the reaction picker after the ones used recently. */
export const COMMON_EMOJI = ['👍', '❤️', '😂', '🎉', '😮', '😢', '🙏', '👀'];

const KEY = 'recentEmoji';
const KEPT = 6;

/** The recently used list with `emoji` moved to the front. */
export function withRecent(recent: string[], emoji: string): string[] {
  return [emoji, ...recent.filter((e) => e !== emoji)].slice(0, KEPT);
}

/** The picker's choices: recent ones first, then the common ones not among them. */
export function pickerChoices(recent: string[]): string[] {
  return [...recent, ...COMMON_EMOJI.filter((e) => !recent.includes(e))];
}

/** Kept in extension storage, so every view and the next session offer the same ones. */
export async function loadRecentEmoji(): Promise<string[]> {
  const stored = (await localStore.get([KEY]))[KEY];
  return Array.isArray(stored) ? stored.filter((e): e is string => typeof e === 'string') : [];
}

export async function rememberEmoji(emoji: string): Promise<void> {
  await localStore.set({ [KEY]: withRecent(await loadRecentEmoji(), emoji) });
}
