import type { ChatMessage, WorkerSnapshot } from '@chatroom/shared';
import { freePort, RunningServer, startServer, tempDir, waitFor } from '../../../backend/test/support/server';
import { TestUser, uniqueName } from '../../test/support/api';
import { MemoryStore } from '../../test/support/memory-store';
import { ChatCore, CoreDeps, realClock } from './chat-core';

/** The worker's logic against the real server on a temporary SQLite file. */
describe('ChatCore', () => {
  let server: RunningServer;
  const cores: ChatCore[] = [];

  beforeAll(async () => {
    server = await startServer();
  });
  afterEach(async () => {
    await Promise.all(cores.splice(0).map((core) => core.stop()));
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** A core as the worker builds it, with its outputs recorded. */
  function makeCore(store: MemoryStore, overrides: Partial<CoreDeps> = {}, baseUrl = server.url) {
    const seen = { badge: '', snapshot: null as WorkerSnapshot | null, messages: [] as ChatMessage[], notified: [] as string[] };
    store.data.set('settings', { serverUrl: baseUrl, notifications: true });
    const core = new ChatCore(
      {
        fetch: (input, init) => fetch(input, init),
        store,
        setBadge: (text) => void (seen.badge = text),
        onSnapshot: (snapshot) => (seen.snapshot = snapshot),
        onMessages: (messages) => seen.messages.push(...messages),
        notify: ({ conversation }) => void seen.notified.push(conversation),
        ...overrides,
      },
      { pollTimeoutSeconds: 2, backoff: { baseMs: 50, maxMs: 400 } },
    );
    cores.push(core);
    return { core, seen };
  }

  /** A core signed in as a new user of the server at `url`, its poll loop running. */
  async function signedIn(url: string, overrides: Partial<CoreDeps> = {}, store = new MemoryStore()) {
    const username = uniqueName('me');
    const made = makeCore(store, overrides, url);
    await made.core.register({ username, password: 'correct-horse-1' });
    await made.core.start();
    await waitFor(() => made.seen.snapshot?.connection === 'online', { what: 'online' });
    return { ...made, store, username };
  }

  const loggedIn = (store = new MemoryStore()) => signedIn(server.url, {}, store);

  /** A server of the test's own, to stop and start again on the same port and file. */
  async function restartableServer() {
    const port = await freePort();
    const dir = tempDir();
    const databaseUrl = `sqlite:${dir.dir}/chat.sqlite`;
    let running: RunningServer | null = await startServer({ port, databaseUrl });
    return {
      url: running.url,
      async stop() {
        await running?.stop();
        running = null;
      },
      async start() {
        running = await startServer({ port, databaseUrl });
      },
      async remove() {
        await running?.stop();
        dir.remove();
      },
    };
  }

  it('delivers a DM within a second, counts it once and shows it on the badge', async () => {
    const { seen, username, store } = await loggedIn();
    const friend = await TestUser.register(server.url, uniqueName('friend'));

    const sentAt = Date.now();
    const sent = await friend.send(username, 'hello there');
    await waitFor(() => seen.messages.some((m) => m.id === sent.id), { timeoutMs: 1_000, what: 'the DM' });
    expect(Date.now() - sentAt).toBeLessThan(1_000);

    await waitFor(() => seen.badge === '1', { what: 'badge 1' });
    // The list is refreshed from the server when a new conversation appears, after the badge.
    await waitFor(() => seen.snapshot?.conversations[0]?.id === friend.username, { what: 'the conversation listed' });
    expect(seen.snapshot?.conversations[0]).toMatchObject({ id: friend.username, unread: 1 });
    expect(seen.notified).toEqual([friend.username]);
    expect(store.data.get('sync')).toMatchObject({ lastId: sent.id, unread: { [friend.username]: 1 } });
  });

  it('does not count its own messages and marks a viewed conversation read on the server', async () => {
    const { core, seen, username, store } = await loggedIn();
    const friend = await TestUser.register(server.url, uniqueName('friend'));

    await core.send(friend.username, 'mine');
    await friend.send(username, 'theirs');
    await waitFor(() => seen.badge === '1', { what: 'badge 1' });

    core.attachView('popup');
    await core.viewConversation('popup', friend.username);
    seen.notified.length = 0;
    expect(seen.badge).toBe('');
    const me = new TestUser(server.url, username, '', tokenOf(store));
    await waitFor(async () => (await me.call<{ total: number }>('GET', '/unread')).total === 0, { what: 'server read' });

    // While the view shows the conversation, new messages there are read at once.
    const next = await friend.send(username, 'while you look');
    await waitFor(() => seen.messages.some((m) => m.id === next.id), { what: 'the message' });
    expect(seen.badge).toBe('');
    expect(seen.notified).toEqual([]);
  });

  it('resumes after a restart from storage: nothing lost, nothing counted twice', async () => {
    const first = await loggedIn();
    const friend = await TestUser.register(server.url, uniqueName('friend'));
    const before = await friend.send(first.username, 'before the restart');
    await waitFor(() => first.seen.badge === '1', { what: 'badge 1' });
    await first.core.stop();

    const whileStopped = [
      await friend.send(first.username, 'while stopped 1'),
      await friend.send(first.username, 'while stopped 2'),
    ];
    const second = makeCore(first.store);
    await second.core.start();
    expect(second.seen.badge).toBe('1');

    await waitFor(() => second.seen.badge === '3', { what: 'badge 3' });
    const after = await friend.send(first.username, 'after the restart');
    await waitFor(() => second.seen.messages.some((m) => m.id === after.id), { what: 'the next message' });
    expect(second.seen.badge).toBe('4');
    const delivered = second.seen.messages.map((m) => m.id);
    expect(delivered).toEqual([...whileStopped.map((m) => m.id), after.id]);
    expect(delivered).not.toContain(before.id);
  });

  it('takes the server as the truth for unread counts read elsewhere', async () => {
    const { core, seen, username, store } = await loggedIn();
    const friend = await TestUser.register(server.url, uniqueName('friend'));
    const message = await friend.send(username, 'read me on the other computer');
    await waitFor(() => seen.badge === '1', { what: 'badge 1' });

    const otherComputer = new TestUser(server.url, username, '', tokenOf(store));
    await otherComputer.call('POST', '/read', { conversation: friend.username, last_read_id: message.id });
    await core.refresh();
    expect(seen.badge).toBe('');
    expect(seen.snapshot?.totalUnread).toBe(0);
  });

  it('backs off with jitter while the server is down and recovers by itself', async () => {
    const own = await restartableServer();
    try {
      const delays: number[] = [];
      const { seen } = await signedIn(own.url, {
        clock: { now: () => Date.now(), sleep: (ms, signal) => (delays.push(ms), realClock.sleep(ms, signal)) },
      });

      await own.stop();
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

  it('keeps messages written offline in the outbox and sends each exactly once when back', async () => {
    const own = await restartableServer();
    try {
      const friend = await TestUser.register(own.url, uniqueName('friend'));
      const { core, seen, username } = await signedIn(own.url);

      await own.stop();
      await waitFor(() => seen.snapshot?.connection === 'offline', { what: 'offline' });
      const pending = await core.send(friend.username, 'written offline');
      expect(seen.snapshot?.outbox).toEqual([expect.objectContaining({ client_id: pending.client_id })]);

      await own.start();
      await waitFor(() => seen.snapshot?.outbox.length === 0, { timeoutMs: 5_000, what: 'outbox sent' });
      const copies = (await friend.history(username)).messages.filter((m) => m.message === 'written offline');
      expect(copies).toHaveLength(1);
      expect(copies[0]?.client_id).toBe(pending.client_id);
    } finally {
      await own.remove();
    }
  });

  it('keeps a conversation read offline read, and tells the server once it is back', async () => {
    const own = await restartableServer();
    try {
      const friend = await TestUser.register(own.url, uniqueName('friend'));
      const { core, seen, username, store } = await signedIn(own.url);
      await friend.send(username, 'read me on the train');
      await waitFor(() => seen.snapshot?.conversations[0]?.id === friend.username && seen.badge === '1', { what: 'the DM counted' });

      await own.stop();
      await waitFor(() => seen.snapshot?.connection === 'offline', { what: 'offline' });
      core.attachView('popup');
      await core.viewConversation('popup', friend.username);
      core.detachView('popup');
      expect(seen.badge).toBe('');

      await own.start();
      const me = new TestUser(own.url, username, '', tokenOf(store));
      await waitFor(async () => (await me.call<{ total: number }>('GET', '/unread')).total === 0, { timeoutMs: 5_000, what: 'the marker on the server' });
      await waitFor(() => seen.snapshot?.connection === 'online', { what: 'online again' });
      expect(seen.badge).toBe('');
      expect(seen.snapshot?.conversations[0]).toMatchObject({ id: friend.username, unread: 0 });
    } finally {
      await own.remove();
    }
  });

  it('retries a send whose answer was lost without making a duplicate', async () => {
    const friend = await TestUser.register(server.url, uniqueName('friend'));
    let dropNextSendAnswer = true;
    const store = new MemoryStore();
    const username = uniqueName('me');
    const { core, seen } = makeCore(store, {
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (String(input).endsWith('/send') && dropNextSendAnswer) {
          dropNextSendAnswer = false;
          throw new TypeError('connection reset after the server stored the message');
        }
        return response;
      },
    });
    await core.register({ username, password: 'correct-horse-1' });
    await core.start();
    await waitFor(() => seen.snapshot?.connection === 'online', { what: 'online' });

    await core.send(friend.username, 'only once');
    await waitFor(() => !dropNextSendAnswer, { what: 'the lost answer' });
    // The poll loop retries the outbox after its next poll; the server recognises the client_id.
    await waitFor(() => seen.snapshot?.outbox.length === 0, { timeoutMs: 5_000, what: 'outbox sent' });
    const copies = (await friend.history(username)).messages.filter((m) => m.message === 'only once');
    expect(copies).toHaveLength(1);
  });

  it('ends the session when the server no longer accepts the token', async () => {
    const { core, seen, store } = await loggedIn();
    store.data.set('session', { ...(store.data.get('session') as object), token: 'forged' });
    await core.stop();
    const restarted = makeCore(store);
    await restarted.core.start();
    await waitFor(() => restarted.seen.snapshot?.connection === 'signed-out', { what: 'signed out' });
    expect(restarted.seen.snapshot?.connectionError).toMatch(/Log in again/);
    expect(store.data.get('session')).toBeNull();
    expect(seen.snapshot?.username).toBeTruthy();
  });
});

function tokenOf(store: MemoryStore): string {
  return (store.data.get('session') as { token: string }).token;
}
