import type { WorkerSnapshot } from '@chatroom/shared';
import { MemoryStore } from '../../test/support/memory-store';
import { DraftRequests } from './draft-requests';
import { StateStore } from './state';
import { Views } from './views';

async function drafts(store = new MemoryStore()) {
  store.data.set('session', { username: 'me', token: 't', expires_at: '2999-01-01T00:00:00.000Z' });
  store.data.set('spellings', { bob: 'Bob' });
  const state = new StateStore(store);
  await state.load();
  const snapshots: WorkerSnapshot[] = [];
  let ids = 0;
  const requests = new DraftRequests(state, new Views(state, { onSnapshot: (s) => void snapshots.push(s) }), () => `d${++ids}`);
  return { requests, snapshots, store };
}

const page = { url: 'https://example.com/a', title: 'A page' };

describe('DraftRequests', () => {
  it('tells the views of a shared page as a draft for the conversation, under its server spelling', async () => {
    const { requests, snapshots } = await drafts();
    await requests.share('BOB', { kind: 'page', page });
    expect(snapshots.at(-1)?.requestedDraft).toEqual({ id: 'd1', conversation: 'Bob', text: 'A page\nhttps://example.com/a' });
  });

  it('keeps the request for a worker started later, until a view takes that very request', async () => {
    const { requests, store } = await drafts();
    await requests.share(null, { kind: 'page', page });
    await requests.share(null, { kind: 'link', url: 'https://example.com/b', page });
    const later = await drafts(store);
    await later.requests.taken('d1');
    expect(store.data.get('requestedDraft')).toMatchObject({ id: 'd2', conversation: null });
    await later.requests.taken('d2');
    expect(later.snapshots.at(-1)?.requestedDraft).toBeNull();
    expect(store.data.get('requestedDraft')).toBeNull();
  });
});
