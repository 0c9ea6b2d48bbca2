import { MemoryStore } from '../../test/support/memory-store';
import { StateStore } from './state';

describe('StateStore', () => {
  it('fills in what an older version did not store, with defaults', async () => {
    const store = new MemoryStore();
    store.data.set('sync', { lastId: 42, unread: { bob: 2 } });
    const state = new StateStore(store);
    await state.load();
    expect(state.current.sync).toEqual({ lastId: 42, countedThrough: 0, unread: { bob: 2 }, mentions: {}, pendingReads: {} });
    expect(state.current.settings).toEqual({ serverUrl: 'http://localhost:5003', notifications: true });
    expect(state.current.session).toBeNull();
    expect(state.current.spellings).toEqual({});
  });

  it('writes through: a new store over the same storage sees every change', async () => {
    const store = new MemoryStore();
    const first = new StateStore(store);
    await first.load();
    await first.write({ requestedConversation: { conversation: 'bob', compose: true } });
    await first.learn(['Bob']);

    const second = new StateStore(store);
    await second.load();
    expect(second.current.requestedConversation).toEqual({ conversation: 'bob', compose: true });
    expect(second.canonical('BOB')).toBe('Bob');
  });

  it('reads a conversation requested by an older version, which stored its id alone', async () => {
    const store = new MemoryStore();
    store.data.set('requestedConversation', 'bob');
    const state = new StateStore(store);
    await state.load();
    expect(state.current.requestedConversation).toEqual({ conversation: 'bob', compose: false });
  });

  it('writes nothing when it learns nothing new', async () => {
    const store = new MemoryStore();
    const state = new StateStore(store);
    await state.load();
    await state.learn(['Bob']);
    const writes = store.writes;
    await state.learn(['Bob', 'room_4']);
    expect(store.writes).toBe(writes);
  });
});
