import type { Conversation, ShareTarget, WorkerSnapshot } from '@chatroom/shared';
import type { MenuClick, MenuEntry } from '../platform/browser-api';
import { t } from '../platform/i18n';

/** How many recent conversations the submenu offers. */
export const SHARE_MENU_RECENT = 5;

const PARENT = 'share';
const CHOOSE = 'share:choose';
const SEPARATOR = 'share:separator';
const TO = 'share:to:';

/**
 * "Send to ChatRoom" with a submenu of the most recent conversations (the list's order) and
 * "Choose…"; signed out, the one item opens the panel, where the user signs in and then chooses.
 */
export function shareMenuEntries(conversations: Conversation[] | null): MenuEntry[] {
  const title = t('shareMenuTitle');
  if (!conversations) return [{ id: CHOOSE, title }];
  const recent = conversations.slice(0, SHARE_MENU_RECENT).map(
    (conversation): MenuEntry => ({
      id: TO + conversation.id,
      parentId: PARENT,
      title: conversation.type === 'room' ? `# ${conversation.name}` : conversation.name,
    }),
  );
  return [
    { id: PARENT, title },
    ...recent,
    ...(recent.length ? [{ id: SEPARATOR, parentId: PARENT, title: '', separator: true }] : []),
    { id: CHOOSE, parentId: PARENT, title: t('shareMenuChoose') },
  ];
}

/** Where a clicked item sends to: a conversation, or the user's choice (null); undefined for an item not of this menu. */
export function shareDestination(menuItemId: string): { conversation: string | null } | undefined {
  if (menuItemId === CHOOSE) return { conversation: null };
  if (menuItemId.startsWith(TO)) return { conversation: menuItemId.slice(TO.length) };
  return undefined;
}

/** What was right-clicked: a selection, else a link, else an image, else the page; null without a page address. */
export function shareTargetOf(click: MenuClick): ShareTarget | null {
  const url = click.pageUrl ?? click.tabUrl;
  if (!url) return null;
  const page = { url, title: click.tabTitle ?? null };
  if (click.selectionText?.trim()) return { kind: 'selection', text: click.selectionText, page };
  if (click.linkUrl) return { kind: 'link', url: click.linkUrl, page };
  if (click.srcUrl && click.mediaType === 'image') return { kind: 'image', url: click.srcUrl, page };
  return { kind: 'page', page };
}

/**
 * Keeps the context menu in step with the conversation list. The browser keeps menu items across
 * worker restarts, so the menu is rebuilt whole (once per worker, then when its items change), one
 * rebuild after the other.
 */
export class ShareMenu {
  private applied: string | null = null;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly setMenu: (entries: MenuEntry[]) => Promise<void>) {}

  follow(snapshot: WorkerSnapshot): Promise<void> {
    const entries = shareMenuEntries(snapshot.username ? snapshot.conversations : null);
    const key = JSON.stringify(entries);
    this.queue = this.queue.then(async () => {
      if (key === this.applied) return;
      this.applied = key;
      try {
        await this.setMenu(entries);
      } catch {
        // Tried again at the next change.
        this.applied = null;
      }
    });
    return this.queue;
  }
}
