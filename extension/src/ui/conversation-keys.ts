import type { Conversation } from '@chatroom/shared';
import type { MessageKey } from '../locales/en';

/** What a shortcut inside a view does (issue #13); the quick switcher's Ctrl+K is the App's own. */
export type ConversationKey = 'next' | 'previous' | 'next-unread' | 'list';

/** The shortcuts of an open view, as the Settings page lists them. */
export const VIEW_SHORTCUTS: { keys: string; does: MessageKey }[] = [
  { keys: 'Ctrl+K (⌘K)', does: 'shortcutQuickSwitch' },
  { keys: 'Alt+↓', does: 'shortcutNext' },
  { keys: 'Alt+↑', does: 'shortcutPrevious' },
  { keys: 'Alt+Shift+↓', does: 'shortcutNextUnread' },
  { keys: 'Esc', does: 'shortcutBack' },
  { keys: 'Enter / Shift+Enter', does: 'shortcutSend' },
  { keys: '↑', does: 'shortcutEditLast' },
];

interface KeyPress {
  key: string;
  altKey: boolean;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

/** The shortcut a key press is, if any. */
export function conversationKey(event: KeyPress): ConversationKey | null {
  if (event.ctrlKey || event.metaKey) return null;
  if (event.altKey && !event.shiftKey && event.key === 'ArrowDown') return 'next';
  if (event.altKey && !event.shiftKey && event.key === 'ArrowUp') return 'previous';
  if (event.altKey && event.shiftKey && event.key === 'ArrowDown') return 'next-unread';
  if (!event.altKey && !event.shiftKey && event.key === 'Escape') return 'list';
  return null;
}

/**
 * The conversation a move goes to, in the list's order: the next or previous one (from none, the
 * first or the last), or the next one after `current` with unread messages, round the end of the
 * list. Null where there is none to go to.
 */
export function stepConversation(conversations: Conversation[], current: string | null, move: Exclude<ConversationKey, 'list'>): string | null {
  const at = current === null ? -1 : conversations.findIndex((c) => c.id === current);
  if (move === 'next') return conversations[at + 1]?.id ?? null;
  if (move === 'previous') return (at === -1 ? conversations.at(-1) : conversations[at - 1])?.id ?? null;
  const after = [...conversations.slice(at + 1), ...conversations.slice(0, Math.max(at, 0))];
  return after.find((c) => c.unread > 0)?.id ?? null;
}
