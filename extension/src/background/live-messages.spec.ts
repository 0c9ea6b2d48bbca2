import { ChatMessage, CurrentMessage, freshState } from '@chatroom/shared';
import { MemoryStore } from '../../test/support/memory-store';
import { LiveMessages } from './live-messages';
import { StateStore } from './state';

const at = '2026-12-01T10:00:00.000Z';
const message = (id: number, text: string, extra: Partial<CurrentMessage> = {}): CurrentMessage => ({
  ...freshState({ id, kind: 'message', sender: 'bob', recipient: 'alice', message: text, timestamp: at }),
  ...extra,
});
const entry = (id: number, kind: ChatMessage['kind'], relatesTo: number, text: string, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  id,
  kind,
  relates_to: relatesTo,
  sender: 'bob',
  recipient: 'alice',
  message: text,
  timestamp: '2026-12-01T10:05:00.000Z',
  ...extra,
});

describe('LiveMessages', () => {
  async function setUp(lastMessage: CurrentMessage | null) {
    const state = new StateStore(new MemoryStore());
    await state.load();
    await state.write({
      session: { username: 'alice', token: 't', expires_at: '2099-01-01T00:00:00.000Z' },
      cache: {
        conversations: [{ id: 'bob', type: 'dm', name: 'bob', last_message: lastMessage, unread: 0, mentions: 0, last_read_id: 0, notify: 'all', muted_until: null }],
        rooms: [],
        online: [],
        announcement: null,
      },
    });
    const changed: CurrentMessage[] = [];
    const live = new LiveMessages(state, { onChanged: (messages) => changed.push(...messages) });
    return { state, live, changed };
  }

  it('tells views what an entry changed, with the replies that quote it, and keeps the preview current', async () => {
    const { state, live, changed } = await setUp(message(2, 'see you', { reply_to: { id: 1, sender: 'bob', excerpt: 'lunch?', deleted: false } }));
    live.remember('bob', [message(1, 'lunch?'), message(2, 'see you', { reply_to: { id: 1, sender: 'bob', excerpt: 'lunch?', deleted: false } })]);

    await live.apply('bob', [entry(3, 'edit', 1, 'lunch at 1?')]);
    expect(changed.map((m) => [m.id, m.message, m.reply_to?.excerpt ?? null])).toEqual([
      [1, 'lunch at 1?', null],
      [2, 'see you', 'lunch at 1?'],
    ]);

    changed.length = 0;
    await live.apply('bob', [entry(4, 'delete', 2, '')]);
    expect(changed).toEqual([expect.objectContaining({ id: 2, deleted: true })]);
    expect(state.current.cache.conversations[0]?.last_message).toMatchObject({ id: 2, deleted: true, message: '' });
  });

  it('keeps only messages of conversations a view loaded, and knows their authors', async () => {
    const { live, changed } = await setUp(null);
    live.delivered('carol', message(5, 'not loaded anywhere'));
    await live.apply('carol', [entry(6, 'edit', 5, 'changed')]);
    expect(changed).toEqual([]);

    live.remember('bob', []);
    live.delivered('bob', message(7, 'new'));
    expect(live.senderOf('bob', 7)).toBe('bob');
    expect(live.senderOf('bob', 8)).toBeUndefined();
  });

  it('takes the server answer to the user’s own change as it is', async () => {
    const { live, changed } = await setUp(message(1, 'hi'));
    live.remember('bob', [message(1, 'hi')]);
    await live.replace('bob', message(1, 'hi', { reactions: [{ emoji: '👍', users: ['alice'] }] }));
    expect(changed[0]?.reactions).toEqual([{ emoji: '👍', users: ['alice'] }]);
  });

  it('forgets one user’s messages when another signs in', async () => {
    const { state, live, changed } = await setUp(null);
    live.remember('bob', [message(1, 'for alice')]);
    await state.write({ session: { username: 'mallory', token: 'u', expires_at: '2099-01-01T00:00:00.000Z' } });
    await live.apply('bob', [entry(2, 'edit', 1, 'changed')]);
    expect(changed).toEqual([]);
  });
});
