import type { Conversation, Ephemeral, WorkerSnapshot } from '@chatroom/shared';
import { MemoryStore } from '../../test/support/memory-store';
import { StateStore } from './state';
import { Views } from './views';

/** The view registry without a worker or a server: state in memory, outputs recorded. */
async function views() {
  const store = new MemoryStore();
  store.data.set('session', { username: 'me', token: 't', expires_at: '2999-01-01T00:00:00.000Z' });
  store.data.set('sync', { lastId: 5, countedThrough: 5, unread: { Bob: 2, room_1: 3 }, mentions: { room_1: 1 }, pendingReads: { room_1: 4 } });
  const state = new StateStore(store);
  await state.load();
  const seen = { badge: '', snapshots: [] as WorkerSnapshot[], ephemeral: [] as Ephemeral[] };
  const registry = new Views(state, {
    setBadge: ({ text }) => void (seen.badge = text),
    onSnapshot: (snapshot) => void seen.snapshots.push(snapshot),
    onEphemeral: (items) => void seen.ephemeral.push(...items),
  });
  return { state, registry, seen };
}

describe('Views', () => {
  it('knows which conversations are shown, under the server spelling once learnt', async () => {
    const { state, registry } = await views();
    registry.attach('popup');
    registry.show('popup', 'BOB');
    expect(registry.isViewed('Bob')).toBe(false);
    await state.learn(['Bob']);
    expect(registry.isViewed('Bob')).toBe(true);
    registry.detach('popup');
    expect(registry.isViewed('Bob')).toBe(false);
    expect(registry.anyOpen).toBe(false);
  });

  it('says the announcement was dismissed while its text is the one the user closed, not once it changes', async () => {
    const { state, registry } = await views();
    const announce = (text: string) =>
      state.write({ cache: { ...state.current.cache, announcement: { announcement: text, updated_at: '2026-12-07T10:00:00.000Z' } } });
    await announce('Maintenance at 6');
    expect(registry.snapshot().announcementDismissed).toBe(false);
    await state.write({ dismissedAnnouncement: 'Maintenance at 6' });
    expect(registry.snapshot()).toMatchObject({ announcement: { announcement: 'Maintenance at 6' }, announcementDismissed: true });
    await announce('Maintenance moved to 7');
    expect(registry.snapshot().announcementDismissed).toBe(false);
  });

  it('puts the total unread on the badge and in the snapshot', async () => {
    const { registry, seen } = await views();
    await registry.updateBadge();
    expect(seen.badge).toBe('5');
    expect(registry.snapshot()).toMatchObject({ username: 'me', totalUnread: 5 });
  });

  it('counts a conversation on the badge by its level and mute, and gives the list its mentions', async () => {
    const { state, registry, seen } = await views();
    const conversation = { type: 'room' as const, last_message: null, unread: 0, mentions: 0, last_read_id: 0 };
    await state.write({
      cache: {
        ...state.current.cache,
        conversations: [
          { ...conversation, id: 'room_1', name: 'Weekend', notify: 'mentions', muted_until: null },
          { ...conversation, id: 'Bob', type: 'dm', name: 'Bob', notify: 'all', muted_until: '2999-01-01T00:00:00.000Z' },
        ],
      },
    });
    await registry.updateBadge();
    expect(seen.badge).toBe('1');
    expect(registry.snapshot().totalUnread).toBe(1);
    expect(registry.snapshot().conversations.map((c) => [c.id, c.unread, c.mentions])).toEqual([
      ['room_1', 3, 1],
      ['Bob', 2, 0],
    ]);
  });

  it('publishes a connection change once', async () => {
    const { registry, seen } = await views();
    registry.setConnection('offline', 'Cannot reach the server.');
    registry.setConnection('offline', 'Cannot reach the server.');
    expect(seen.snapshots.map((s) => s.connection)).toEqual(['offline']);
  });

  it('shows nothing of the last user once signed out', async () => {
    const { state, registry } = await views();
    await state.write({ session: null });
    expect(registry.snapshot()).toMatchObject({ username: null, connection: 'signed-out', totalUnread: 0, conversations: [] });
  });

  it('shows a marker read here but not yet acknowledged as where the user stopped reading, and the drafts', async () => {
    const { state, registry } = await views();
    const room = { id: 'room_1', type: 'room', name: 'R', last_message: null, unread: 3, mentions: 0, last_read_id: 2, notify: 'all', muted_until: null };
    await state.write({
      cache: { conversations: [room as Conversation], rooms: [], online: [], announcement: null },
      drafts: { room_1: { text: 'not sent yet', updatedAt: 1 } },
    });
    expect(registry.snapshot()).toMatchObject({ conversations: [{ id: 'room_1', last_read_id: 4 }], drafts: { room_1: 'not sent yet' } });
  });

  it('passes on the ephemeral items of the types it knows, and nothing when there are none', async () => {
    const { registry, seen } = await views();
    registry.tell(undefined);
    registry.tell([{ type: 'later', conversation: 'Bob' } as unknown as Ephemeral]);
    expect(seen.ephemeral).toEqual([]);
    registry.tell([{ type: 'typing', conversation: 'Bob', users: ['Bob'] }, { type: 'later' } as unknown as Ephemeral]);
    expect(seen.ephemeral).toEqual([{ type: 'typing', conversation: 'Bob', users: ['Bob'] }]);
  });
});
