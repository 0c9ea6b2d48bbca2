import { signedOutSnapshot, type Conversation, type WorkerSnapshot } from '@chatroom/shared';
import type { MenuEntry } from '../platform/browser-api';
import { shareDestination, ShareMenu, shareMenuEntries, shareTargetOf } from './share-menu';

const conversation = (id: string, name = id, type: Conversation['type'] = 'dm') => ({ id, name, type }) as Conversation;
const recent = [conversation('bob'), conversation('room_1', 'Weekend & more', 'room'), ...['c', 'd', 'e', 'f'].map((id) => conversation(id))];

const titles = (entries: MenuEntry[]) => entries.map((e) => (e.separator ? '---' : e.title));

describe('shareMenuEntries', () => {
  it('offers the five most recent conversations in the list order, then Choose…', () => {
    const entries = shareMenuEntries(recent);
    expect(titles(entries)).toEqual(['Send to ChatRoom', 'bob', '# Weekend & more', 'c', 'd', 'e', '---', 'Choose…']);
    expect(entries.slice(1).every((e) => e.parentId === entries[0]?.id)).toBe(true);
    expect(entries.map((e) => e.id && shareDestination(e.id))).toEqual([
      undefined,
      { conversation: 'bob' },
      { conversation: 'room_1' },
      { conversation: 'c' },
      { conversation: 'd' },
      { conversation: 'e' },
      undefined,
      { conversation: null },
    ]);
  });

  it('has Choose… only without conversations, and one item to open the panel when signed out', () => {
    expect(titles(shareMenuEntries([]))).toEqual(['Send to ChatRoom', 'Choose…']);
    const signedOut = shareMenuEntries(null);
    expect(titles(signedOut)).toEqual(['Send to ChatRoom']);
    expect(signedOut[0] && shareDestination(signedOut[0].id)).toEqual({ conversation: null });
  });
});

describe('shareTargetOf', () => {
  const click = { menuItemId: 'share:choose', pageUrl: 'https://example.com/a', tabTitle: 'A page' };
  const page = { url: 'https://example.com/a', title: 'A page' };

  it('is the selection, else the link, else the image, else the page', () => {
    expect(shareTargetOf({ ...click, selectionText: 'Quote', linkUrl: 'https://l' })).toEqual({ kind: 'selection', text: 'Quote', page });
    expect(shareTargetOf({ ...click, linkUrl: 'https://l', srcUrl: 'https://i.png', mediaType: 'image' })).toEqual({ kind: 'link', url: 'https://l', page });
    expect(shareTargetOf({ ...click, srcUrl: 'https://i.png', mediaType: 'image' })).toEqual({ kind: 'image', url: 'https://i.png', page });
    expect(shareTargetOf({ ...click, selectionText: '  ' })).toEqual({ kind: 'page', page });
  });

  it('takes the address from the tab where the click has none, and has no title where the browser gave none', () => {
    expect(shareTargetOf({ menuItemId: 'x', tabUrl: 'https://example.com/a' })).toEqual({ kind: 'page', page: { ...page, title: null } });
    expect(shareTargetOf({ menuItemId: 'x' })).toBeNull();
  });
});

describe('ShareMenu', () => {
  const DEFAULT = { serverUrl: 'http://localhost:5003', notifications: true };
  const snapshot = (conversations: Conversation[]): WorkerSnapshot => ({ ...signedOutSnapshot(DEFAULT), username: 'me', conversations });

  it('rebuilds the menu when the list changes its first five, one rebuild after the other, and again after a failure', async () => {
    const built: string[][] = [];
    let fail = false;
    const menu = new ShareMenu(async (entries) => {
      await Promise.resolve();
      if (fail) throw new Error('no menus now');
      built.push(titles(entries));
    });
    void menu.follow(snapshot(recent));
    void menu.follow(snapshot(recent));
    const reordered = [recent[1], recent[0], ...recent.slice(2)] as Conversation[];
    await menu.follow(snapshot(reordered));
    await menu.follow(snapshot([...reordered, conversation('g')]));
    expect(built.map((b) => b.slice(1, 3))).toEqual([
      ['bob', '# Weekend & more'],
      ['# Weekend & more', 'bob'],
    ]);

    fail = true;
    await menu.follow({ ...signedOutSnapshot(DEFAULT) });
    fail = false;
    await menu.follow({ ...signedOutSnapshot(DEFAULT) });
    expect(built.at(-1)).toEqual(['Send to ChatRoom']);
  });
});
