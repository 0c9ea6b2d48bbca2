import type { Ephemeral } from '@chatroom/shared';
import { waitFor } from '../../../backend/test/support/server';
import { TestUser, uniqueName } from '../../test/support/api';
import { MemoryStore } from '../../test/support/memory-store';
import { restartableServer } from '../../test/support/own-server';
import { useWorkerHarness } from '../../test/support/worker-harness';
import { Clock, realClock } from './clock';

/** A clock that runs in real time and records every pause the loop takes. */
function recordingClock(delays: number[]): Clock {
  return { now: () => Date.now(), sleep: (ms, signal) => (delays.push(ms), realClock.sleep(ms, signal)) };
}

/** A server that answers every route at once, and `/messages` after `pollDelayMs`, always empty (but for `ephemeral`). */
function emptyServer(pollDelayMs: number, ephemeral?: Ephemeral[]) {
  const calls = { polls: 0 };
  const fetchFn = async (input: string | URL | Request): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });
    switch (url.pathname) {
      case '/messages':
        calls.polls += 1;
        await realClock.sleep(pollDelayMs);
        return json({ messages: [], last_id: Number(url.searchParams.get('last_id')), ...(ephemeral ? { ephemeral } : {}) });
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
  store.data.set('session', { username: 'me', token: 't', expires_at: new Date(Date.now() + 86_400_000).toISOString() });
  return store;
}

describe('PollLoop', () => {
  const harness = useWorkerHarness();

  it('resumes after a restart from storage: nothing lost, nothing counted twice', async () => {
    const first = await harness.signedIn(harness.serverUrl);
    const friend = await TestUser.register(harness.serverUrl, uniqueName('friend'));
    const before = await friend.send(first.username, 'before the restart');
    await waitFor(() => first.seen.badge === '1', { what: 'badge 1' });
    await first.worker.stop();

    const whileStopped = [
      await friend.send(first.username, 'while stopped 1'),
      await friend.send(first.username, 'while stopped 2'),
    ];
    const second = harness.make(first.store, harness.serverUrl);
    await second.worker.start();
    expect(second.seen.badge).toBe('1');

    await waitFor(() => second.seen.badge === '3', { what: 'badge 3' });
    const after = await friend.send(first.username, 'after the restart');
    await waitFor(() => second.seen.messages.some((m) => m.id === after.id), { what: 'the next message' });
    expect(second.seen.badge).toBe('4');
    const delivered = second.seen.messages.map((m) => m.id);
    expect(delivered).toEqual([...whileStopped.map((m) => m.id), after.id]);
    expect(delivered).not.toContain(before.id);
  });

  it('backs off with jitter while the server is down and recovers by itself', async () => {
    const own = await restartableServer();
    try {
      const delays: number[] = [];
      const { seen } = await harness.signedIn(own.url, { clock: recordingClock(delays) });

      await own.kill();
      await waitFor(() => seen.snapshot?.connection === 'offline', { what: 'offline' });
      expect(seen.snapshot?.connectionError).toMatch(/Cannot reach the server/);
      await waitFor(() => delays.length >= 4, { what: 'four retries' });
      // Equal jitter: each wait lies between half and all of 50 ms * 2^attempt, capped at 400 ms.
      delays.slice(0, 4).forEach((delay, attempt) => {
        const ceiling = Math.min(400, 50 * 2 ** attempt);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      });

      await own.start();
      await waitFor(() => seen.snapshot?.connection === 'online', { timeoutMs: 5_000, what: 'back online' });
    } finally {
      await own.remove();
    }
  });

  it('backs off when the server answers polls empty at once (a server shutting down)', async () => {
    const { calls, fetchFn } = emptyServer(0);
    const delays: number[] = [];
    const { worker } = harness.make(signedInStore(), 'http://127.0.0.1:9', {
      fetch: fetchFn,
      random: () => 0.5,
      clock: recordingClock(delays),
    }, { pollTimeoutSeconds: 20, backoff: { baseMs: 50, maxMs: 400 } });
    await worker.start();
    await waitFor(() => calls.polls >= 5, { what: 'five polls' });
    // Each early empty answer is followed by a pause, growing as backoff.ts says (3/4 of each ceiling here).
    expect(delays.length).toBeGreaterThanOrEqual(calls.polls - 1);
    expect(delays.slice(0, 4)).toEqual([38, 75, 150, 300]);
  });

  it('polls again at once after an empty answer that came at its timeout', async () => {
    const { calls, fetchFn } = emptyServer(600);
    const delays: number[] = [];
    const { worker } = harness.make(signedInStore(), 'http://127.0.0.1:9', { fetch: fetchFn, clock: recordingClock(delays) }, {
      pollTimeoutSeconds: 1,
      backoff: { baseMs: 50, maxMs: 400 },
    });
    await worker.start();
    await waitFor(() => calls.polls >= 3, { what: 'three polls' });
    expect(delays).toEqual([]);
  });

  it('polls again at once after an early answer that brought only ephemeral items, and passes them on', async () => {
    const { calls, fetchFn } = emptyServer(0, [{ type: 'typing', conversation: 'bob', users: ['bob'] }]);
    const delays: number[] = [];
    const { worker, seen } = harness.make(signedInStore(), 'http://127.0.0.1:9', { fetch: fetchFn, clock: recordingClock(delays) }, {
      pollTimeoutSeconds: 20,
      backoff: { baseMs: 50, maxMs: 400 },
    });
    await worker.start();
    await waitFor(() => calls.polls >= 5, { what: 'five polls' });
    expect(delays).toEqual([]);
    expect(seen.ephemeral[0]).toEqual({ type: 'typing', conversation: 'bob', users: ['bob'] });
  });
});
