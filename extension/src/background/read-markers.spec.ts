import { waitFor } from '../../../backend/test/support/server';
import { TestUser, uniqueName } from '../../test/support/api';
import { restartableServer } from '../../test/support/own-server';
import { useWorkerHarness } from '../../test/support/worker-harness';

describe('ReadMarkers', () => {
  const harness = useWorkerHarness();

  it('does not count its own messages and marks a viewed conversation read on the server', async () => {
    const { worker, seen, username, me } = await harness.signedIn(harness.serverUrl);
    const friend = await TestUser.register(harness.serverUrl, uniqueName('friend'));

    await worker.request('send', { recipient: friend.username, message: 'mine' });
    await friend.send(username, 'theirs');
    await waitFor(() => seen.badge === '1', { what: 'badge 1' });

    await worker.attachView('popup');
    await worker.request('viewConversation', { conversation: friend.username }, 'popup');
    seen.notified.length = 0;
    expect(seen.badge).toBe('');
    await waitFor(async () => (await me.call<{ total: number }>('GET', '/unread')).total === 0, { what: 'server read' });

    // While the view shows the conversation, new messages there are read at once.
    const next = await friend.send(username, 'while you look');
    await waitFor(() => seen.messages.some((m) => m.id === next.id), { what: 'the message' });
    expect(seen.badge).toBe('');
    expect(seen.notified).toEqual([]);
  });

  it('keeps a conversation read here read when the lists a refresh fetched predate its marker', async () => {
    let holdLists: Promise<void> | null = null;
    let releaseLists = () => {};
    let listsAnswered = false;
    const { worker, seen, username, me } = await harness.signedIn(harness.serverUrl, {
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (holdLists && new URL(input instanceof Request ? input.url : input).pathname === '/conversations') {
          listsAnswered = true;
          await holdLists;
        }
        return response;
      },
    });
    const friend = await TestUser.register(harness.serverUrl, uniqueName('friend'));
    await friend.send(username, 'read me while the list loads');
    await waitFor(() => seen.badge === '1' && seen.snapshot?.conversations[0]?.id === friend.username, { what: 'the DM counted and listed' });

    holdLists = new Promise((resolve) => (releaseLists = resolve));
    const refreshed = worker.request('refresh', null);
    await waitFor(() => listsAnswered, { what: 'the list answered, still counting the DM' });
    await worker.attachView('popup');
    await worker.request('viewConversation', { conversation: friend.username }, 'popup');
    worker.detachView('popup');
    await waitFor(async () => (await me.call<{ total: number }>('GET', '/unread')).total === 0, { what: 'the marker on the server' });
    releaseLists();
    await refreshed;

    expect(seen.badge).toBe('');
    expect(seen.snapshot?.conversations.find((c) => c.id === friend.username)).toMatchObject({ unread: 0 });
  });

  it('keeps a conversation read offline read, and tells the server once it is back', async () => {
    const own = await restartableServer();
    try {
      const friend = await TestUser.register(own.url, uniqueName('friend'));
      const { worker, seen, username, me } = await harness.signedIn(own.url);
      await friend.send(username, 'read me on the train');
      await waitFor(() => seen.snapshot?.conversations[0]?.id === friend.username && seen.badge === '1', { what: 'the DM counted' });

      await own.stop();
      await waitFor(() => seen.snapshot?.connection === 'offline', { what: 'offline' });
      await worker.attachView('popup');
      await worker.request('viewConversation', { conversation: friend.username }, 'popup');
      worker.detachView('popup');
      expect(seen.badge).toBe('');

      await own.start();
      await waitFor(async () => (await me.call<{ total: number }>('GET', '/unread')).total === 0, { timeoutMs: 10_000, what: 'the marker on the server' });
      await waitFor(() => seen.snapshot?.connection === 'online', { what: 'online again' });
      expect(seen.badge).toBe('');
      expect(seen.snapshot?.conversations[0]).toMatchObject({ id: friend.username, unread: 0 });
    } finally {
      await own.remove();
    }
  });

  it('marks as unread from a message on: counted here and on the server, and the view that asked no longer reads it', async () => {
    const { worker, seen, username, me } = await harness.signedIn(harness.serverUrl);
    const friend = await TestUser.register(harness.serverUrl, uniqueName('friend'));
    await friend.send(username, 'one');
    const two = await friend.send(username, 'two');
    await friend.send(username, 'three');
    await waitFor(() => seen.badge === '3', { what: 'badge 3' });
    await worker.attachView('popup');
    await worker.request('viewConversation', { conversation: friend.username }, 'popup');
    await waitFor(async () => (await me.call<{ total: number }>('GET', '/unread')).total === 0, { what: 'read on the server' });

    await worker.request('markUnread', { conversation: friend.username.toUpperCase(), from_id: two.id }, 'popup');
    expect(seen.badge).toBe('2');
    expect(seen.snapshot?.conversations[0]).toMatchObject({ id: friend.username, unread: 2, last_read_id: two.id - 1 });
    expect((await me.call<{ conversations: Record<string, number> }>('GET', '/unread')).conversations).toEqual({ [friend.username]: 2 });

    // The view that asked went back to the list: a new message there is unread too.
    const four = await friend.send(username, 'four');
    await waitFor(() => seen.messages.some((m) => m.id === four.id), { what: 'the message' });
    expect(seen.badge).toBe('3');
  });

  it('marks a conversation unread from its newest message of someone else when no message is named', async () => {
    const { worker, seen, username } = await harness.signedIn(harness.serverUrl);
    const friend = await TestUser.register(harness.serverUrl, uniqueName('friend'));
    await friend.send(username, 'yours to answer');
    await waitFor(() => seen.badge === '1', { what: 'badge 1' });
    await worker.attachView('popup');
    await worker.request('viewConversation', { conversation: friend.username }, 'popup');
    await worker.request('send', { recipient: friend.username, message: 'my answer' }, 'popup');
    await waitFor(() => seen.snapshot?.conversations[0]?.last_message?.message === 'my answer', { what: 'the answer sent' });
    worker.detachView('popup');

    await worker.request('markUnread', { conversation: friend.username });
    expect(seen.badge).toBe('1');
    expect(seen.snapshot?.conversations[0]).toMatchObject({ unread: 1 });
  });

  it("passes the other side's read marker on to the views", async () => {
    const { worker, seen, username } = await harness.signedIn(harness.serverUrl);
    const friend = await TestUser.register(harness.serverUrl, uniqueName('friend'));
    const sent = await worker.request('send', { recipient: friend.username, message: 'did you read this?' });
    const stored = await waitFor(
      async () => (await friend.history(username)).messages.find((m) => m.client_id === sent.client_id),
      { what: 'the message stored' },
    );
    await friend.call('POST', '/read', { conversation: username, last_read_id: stored.id });
    await waitFor(() => seen.ephemeral.some((item) => item.type === 'read'), { what: 'the read item' });
    expect(seen.ephemeral).toContainEqual({ type: 'read', conversation: friend.username, user: friend.username, last_read_id: stored.id });
    expect(await worker.request('readState', { conversation: friend.username })).toEqual({ markers: { [friend.username]: stored.id } });
  });
});
