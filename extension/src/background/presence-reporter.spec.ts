import { LIMITS, OnlineResponse } from '@chatroom/shared';
import { waitFor } from '../../../backend/test/support/server';
import { TestUser, uniqueName } from '../../test/support/api';
import { MemoryStore } from '../../test/support/memory-store';
import { restartableServer } from '../../test/support/own-server';
import { realClock } from './clock';
import { useWorkerHarness } from '../../test/support/worker-harness';

describe('PresenceReporter', () => {
  const harness = useWorkerHarness();

  /** What another signed-in user sees of `username` in /online. */
  async function presenceOf(username: string): Promise<string | undefined> {
    const watcher = await TestUser.register(harness.serverUrl, uniqueName('watcher'));
    return (await watcher.call<OnlineResponse>('GET', '/online')).presence[username];
  }

  it('tells the server the user is away when the browser goes idle or locks, and active again on input', async () => {
    const user = await harness.signedIn(harness.serverUrl);
    await waitFor(async () => (await presenceOf(user.username)) === 'active', { what: 'the first report' });
    await user.worker.idleStateChanged('idle');
    expect(await presenceOf(user.username)).toBe('away');
    await user.worker.idleStateChanged('active');
    expect(await presenceOf(user.username)).toBe('active');
    await user.worker.idleStateChanged('locked');
    expect(await presenceOf(user.username)).toBe('away');
  });

  /** Records each presence report as the worker starts it, and can hold their answers. */
  function presenceCalls() {
    const said: string[] = [];
    let inFlight = 0;
    let mostAtOnce = 0;
    let held: Promise<void> = Promise.resolve();
    return {
      said,
      get mostAtOnce() {
        return mostAtOnce;
      },
      hold(until: Promise<void>) {
        held = until;
      },
      fetch: async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
        if (!String(input instanceof Request ? input.url : input).endsWith('/presence')) return fetch(input, init);
        said.push((JSON.parse(init?.body as string) as { state: string }).state);
        mostAtOnce = Math.max(mostAtOnce, ++inFlight);
        try {
          await held;
          return await fetch(input, init);
        } finally {
          inFlight--;
        }
      },
    };
  }

  it('sends one report at a time, the latest state last, so the server ends with the state the browser is in', async () => {
    const calls = presenceCalls();
    const user = await harness.signedIn(harness.serverUrl, { fetch: calls.fetch });
    await waitFor(() => calls.said.length === 1, { what: 'the first report' });
    let answer = (): void => undefined;
    calls.hold(new Promise<void>((go) => (answer = go)));
    const changes = [user.worker.idleStateChanged('idle'), user.worker.idleStateChanged('active'), user.worker.idleStateChanged('locked')];
    await waitFor(() => calls.said.length === 2, { what: 'the report on its way' });
    answer();
    await Promise.all(changes);
    expect(calls.mostAtOnce).toBe(1);
    expect(calls.said).toEqual(['active', 'away']);
    expect(await presenceOf(user.username)).toBe('away');
  });

  it('asks the browser first when the worker wakes, rather than saying active', async () => {
    const calls = presenceCalls();
    const user = await harness.signedIn(harness.serverUrl, { fetch: calls.fetch, idleState: () => Promise.resolve('locked') });
    await waitFor(() => calls.said.length === 1, { what: 'the first report' });
    await user.worker.start();
    expect(calls.said).toEqual(['away']);
    expect(await presenceOf(user.username)).toBe('away');
  });

  it('says its state again, after a poll, once it was said long enough ago to stop counting soon', async () => {
    const calls = presenceCalls();
    let skipped = 0;
    const clock = { now: () => Date.now() + skipped, sleep: realClock.sleep };
    const user = await harness.signedIn(harness.serverUrl, { fetch: calls.fetch, clock });
    await waitFor(() => calls.said.length === 1, { what: 'the first report' });
    const friend = await TestUser.register(harness.serverUrl, uniqueName('friend'));

    const first = await friend.send(user.username, 'a poll answered soon after the report');
    await waitFor(() => user.seen.messages.some((m) => m.id === first.id), { what: 'the first DM' });
    expect(calls.said).toEqual(['active']);

    skipped = LIMITS.presenceRefreshSeconds * 1000;
    const second = await friend.send(user.username, 'a poll answered five minutes later');
    await waitFor(() => user.seen.messages.some((m) => m.id === second.id), { what: 'the second DM' });
    await waitFor(() => calls.said.length === 2, { what: 'the state said again' });
    expect(calls.said).toEqual(['active', 'active']);
  });

  /**
   * Runs `body` with a server of the test's own, which it may stop (`away`) and start again (`back`),
   * and what another user signed in there sees in /online.
   */
  async function onOwnServer(
    body: (server: { url: string; away: () => Promise<void>; back: () => Promise<void>; online: () => Promise<OnlineResponse> }) => Promise<void>,
  ): Promise<void> {
    const own = await restartableServer();
    try {
      const watcher = await TestUser.register(own.url, uniqueName('watcher'));
      const online = () => watcher.call<OnlineResponse>('GET', '/online');
      await body({ url: own.url, away: () => own.kill(), back: () => own.start(), online });
    } finally {
      await own.remove();
    }
  }

  it('says its state again once the server is back, when the refresh fell due while it was away: the user shows online and active', () =>
    onOwnServer(async (server) => {
      const calls = presenceCalls();
      let skipped = 0;
      const clock = { now: () => Date.now() + skipped, sleep: realClock.sleep };
      const user = await harness.signedIn(server.url, { fetch: calls.fetch, clock });
      await waitFor(() => calls.said.length === 1, { what: 'the first report' });

      await server.away();
      await waitFor(() => user.seen.snapshot?.connection === 'offline', { what: 'offline' });
      skipped = LIMITS.presenceRefreshSeconds * 1000;
      await server.back();
      await waitFor(() => user.seen.snapshot?.connection === 'online', { timeoutMs: 5_000, what: 'back online' });
      await waitFor(() => calls.said.length === 2, { what: 'the state said again' });
      expect(calls.said).toEqual(['active', 'active']);
      const seen = await server.online();
      expect(seen.users).toContain(user.username);
      expect(seen.presence[user.username]).toBe('active');
    }));

  it('says a state the browser changed to while the server was away once it is back', () =>
    onOwnServer(async (server) => {
      const calls = presenceCalls();
      const user = await harness.signedIn(server.url, { fetch: calls.fetch });
      await waitFor(() => calls.said.length === 1, { what: 'the first report' });

      await server.away();
      await waitFor(() => user.seen.snapshot?.connection === 'offline', { what: 'offline' });
      // Tried at once, and refused: nobody answers.
      await user.worker.idleStateChanged('locked');
      expect(calls.said).toEqual(['active', 'away']);
      await server.back();
      await waitFor(async () => (await server.online()).presence[user.username] === 'away', { what: 'away on the server once it is back' });
      expect((await server.online()).users).toContain(user.username);
    }));

  it('says nothing while signed out', async () => {
    const calls = presenceCalls();
    const { worker } = harness.make(new MemoryStore(), harness.serverUrl, { fetch: calls.fetch });
    await worker.start();
    await worker.idleStateChanged('idle');
    await worker.idleStateChanged('active');
    expect(calls.said).toEqual([]);
  });
});
