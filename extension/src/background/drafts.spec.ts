import type { WorkerSnapshot } from '@chatroom/shared';
import { MemoryStore } from '../../test/support/memory-store';
import type { Clock } from './clock';
import { DRAFT_MAX_AGE_DAYS, Drafts } from './drafts';
import { freshUserState, StateStore } from './state';
import { Views } from './views';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Drafts over a store, as a worker started on it would have them; `time.now` is the clock. */
async function setUp(store = new MemoryStore(), time = { now: Date.parse('2026-12-07T10:00:00Z') }) {
  if (!store.data.has('session')) {
    store.data.set('session', { username: 'me', token: 't', expires_at: '2999-01-01T00:00:00.000Z' });
    store.data.set('spellings', { bob: 'Bob' });
  }
  const state = new StateStore(store);
  await state.load();
  const snapshots: WorkerSnapshot[] = [];
  const views = new Views(state, { onSnapshot: (s) => void snapshots.push(s) });
  const clock: Clock = { now: () => time.now, sleep: () => Promise.resolve() };
  return { drafts: new Drafts(state, views, clock), state, snapshots, store, time };
}

describe('Drafts', () => {
  it('keeps what was typed per conversation, under its server spelling, for the views', async () => {
    const { drafts, snapshots } = await setUp();
    await drafts.save('BOB', 'half a thought');
    await drafts.save('room_1', 'hello all');
    expect(snapshots.at(-1)?.drafts).toEqual({ Bob: 'half a thought', room_1: 'hello all' });
  });

  it('survives the worker: a new one over the same storage has the draft', async () => {
    const first = await setUp();
    await first.drafts.save('bob', 'kept');
    const second = await setUp(first.store);
    expect(second.state.current.drafts).toMatchObject({ Bob: { text: 'kept' } });
  });

  it('takes a draft away when it is emptied or cleared (sent)', async () => {
    const { drafts, snapshots } = await setUp();
    await drafts.save('bob', 'one');
    await drafts.save('room_1', 'two');
    await drafts.save('bob', '  \n');
    await drafts.clear('room_1');
    expect(snapshots.at(-1)?.drafts).toEqual({});
  });

  it(`drops drafts nobody typed in for ${DRAFT_MAX_AGE_DAYS} days`, async () => {
    const made = await setUp();
    await made.drafts.save('bob', 'old');
    made.time.now += 10 * DAY_MS;
    await made.drafts.save('room_1', 'newer');
    made.time.now += (DRAFT_MAX_AGE_DAYS - 10) * DAY_MS + 1;
    await made.drafts.prune();
    expect(made.snapshots.at(-1)?.drafts).toEqual({ room_1: 'newer' });
  });

  it('belong to the signed-in user: signing out takes them away', async () => {
    const { drafts, state } = await setUp();
    await drafts.save('bob', 'private');
    await state.write({ session: null, ...freshUserState() });
    expect(state.current.drafts).toEqual({});
  });
});
