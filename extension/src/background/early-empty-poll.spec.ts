import { waitFor } from '../../../backend/test/support/server';
import { MemoryStore } from '../../test/support/memory-store';
import { ChatCore, realClock } from './chat-core';

/** A server that answers every route at once; `/messages` after `pollDelayMs`, always empty. */
function fakeServer(pollDelayMs: number) {
  const calls = { polls: 0 };
  const fetchFn = async (input: string | URL | Request): Promise<Response> => {
    const url = new URL(String(input));
    const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });
    switch (url.pathname) {
      case '/messages':
        calls.polls += 1;
        await realClock.sleep(pollDelayMs);
        return json({ messages: [], last_id: Number(url.searchParams.get('last_id')) });
      case '/conversations':
        return json({ conversations: [] });
      case '/rooms':
        return json({ rooms: [] });
      case '/online':
        return json({ users: [] });
      case '/announcement':
        return json({ announcement: '', updated_at: null });
      default:
        return json({});
    }
  };
  return { calls, fetchFn };
}

function signedInStore(): MemoryStore {
  const store = new MemoryStore();
  store.data.set('settings', { serverUrl: 'http://127.0.0.1:9', notifications: false });
  store.data.set('session', { username: 'me', token: 't', expires_at: new Date(Date.now() + 86_400_000).toISOString() });
  return store;
}

describe('the poll loop and early empty answers', () => {
  const cores: ChatCore[] = [];
  afterEach(async () => {
    await Promise.all(cores.splice(0).map((core) => core.stop()));
  });

  it('backs off when the server answers polls empty at once (a server shutting down)', async () => {
    const { calls, fetchFn } = fakeServer(0);
    const delays: number[] = [];
    const core = new ChatCore(
      {
        fetch: fetchFn as typeof fetch,
        store: signedInStore(),
        random: () => 0.5,
        clock: { now: () => Date.now(), sleep: (ms, signal) => (delays.push(ms), realClock.sleep(ms, signal)) },
      },
      { pollTimeoutSeconds: 20, backoff: { baseMs: 50, maxMs: 400 } },
    );
    cores.push(core);
    await core.start();
    await waitFor(() => calls.polls >= 5, { what: 'five polls' });
    // Every early empty answer is followed by a wait, growing as in backoff.ts: 50, 100, 200, 400 ms ceilings.
    expect(delays.length).toBeGreaterThanOrEqual(calls.polls - 1);
    expect(delays.slice(0, 4)).toEqual([38, 75, 150, 300]);
  });

  it('polls again at once after an empty answer that came at its timeout', async () => {
    const { calls, fetchFn } = fakeServer(600);
    const delays: number[] = [];
    const core = new ChatCore(
      {
        fetch: fetchFn as typeof fetch,
        store: signedInStore(),
        clock: { now: () => Date.now(), sleep: (ms, signal) => (delays.push(ms), realClock.sleep(ms, signal)) },
      },
      { pollTimeoutSeconds: 1, backoff: { baseMs: 50, maxMs: 400 } },
    );
    cores.push(core);
    await core.start();
    await waitFor(() => calls.polls >= 3, { what: 'three polls' });
    expect(delays).toEqual([]);
  });
});
