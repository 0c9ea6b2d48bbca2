import { ChatMessage, CurrentMessage, freshState } from '@chatroom/shared';
import { MemoryStore } from '../../test/support/memory-store';
import { applyChange, LiveMessages, toggleReaction, withReplyPreview } from './live-messages';
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

describe('applyChange', () => {
  it('takes an edit: new text, when it was edited, whom it mentions now', () => {
    const edited = applyChange(message(1, 'helo'), entry(2, 'edit', 1, 'hello @carol', { mentions: ['carol'] }));
    expect(edited).toMatchObject({ message: 'hello @carol', edited_at: '2026-12-01T10:05:00.000Z', mentions: ['carol'] });
  });

  it('takes whom an edited reply mentions from the server, which never mentions its own author', () => {
    const reply = message(3, 'yes', { reply_to: { id: 1, sender: 'alice', excerpt: 'lunch?', deleted: false }, mentions: ['alice'] });
    expect(applyChange(reply, entry(4, 'edit', 3, 'yes!', { mentions: ['alice'] })).mentions).toEqual(['alice']);
    const toSelf = message(5, 'and also', { reply_to: { id: 3, sender: 'bob', excerpt: 'yes', deleted: false } });
    expect(applyChange(toSelf, entry(6, 'edit', 5, 'and also this', { mentions: [] })).mentions).toEqual([]);
  });

  it('takes a delete: no text, no reactions; later changes to it change nothing', () => {
    const reacted = message(1, 'secret', { reactions: [{ emoji: '👍', users: ['alice'] }] });
    const deleted = applyChange(reacted, entry(2, 'delete', 1, ''));
    expect(deleted).toMatchObject({ message: '', deleted: true, reactions: [] });
    expect(applyChange(deleted, entry(3, 'reaction', 1, '🎉'))).toBe(deleted);
  });

  it('ignores entries about other messages', () => {
    const original = message(1, 'hi');
    expect(applyChange(original, entry(2, 'edit', 7, 'other'))).toBe(original);
  });

  it('adds and takes back reactions in the order they were first used', () => {
    let current = message(1, 'hi');
    current = applyChange(current, entry(2, 'reaction', 1, '👍', { sender: 'alice' }));
    current = applyChange(current, entry(3, 'reaction', 1, '🎉', { sender: 'carol' }));
    current = applyChange(current, entry(4, 'reaction', 1, '👍', { sender: 'carol' }));
    expect(current.reactions).toEqual([
      { emoji: '👍', users: ['alice', 'carol'] },
      { emoji: '🎉', users: ['carol'] },
    ]);
    current = applyChange(current, entry(5, 'reaction', 1, '🎉', { sender: 'carol', removed: true }));
    expect(current.reactions).toEqual([{ emoji: '👍', users: ['alice', 'carol'] }]);
  });
});

describe('toggleReaction', () => {
  it('is idempotent: adding twice or taking back what is not there changes nothing', () => {
    const reactions = [{ emoji: '👍', users: ['alice'] }];
    expect(toggleReaction(reactions, '👍', 'alice', true)).toBe(reactions);
    expect(toggleReaction(reactions, '👍', 'bob', false)).toBe(reactions);
    expect(toggleReaction(reactions, '🎉', 'bob', false)).toBe(reactions);
  });
});

describe('withReplyPreview', () => {
  it('quotes the original as it reads now, and nothing once it is deleted', () => {
    const reply = message(3, 'yes', { reply_to: { id: 1, sender: 'bob', excerpt: 'lunch?', deleted: false } });
    expect(withReplyPreview(reply, message(1, 'lunch at 1?')).reply_to?.excerpt).toBe('lunch at 1?');
    expect(withReplyPreview(reply, message(1, '', { deleted: true })).reply_to).toMatchObject({ excerpt: '', deleted: true });
    expect(withReplyPreview(reply, message(2, 'other'))).toBe(reply);
  });
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
