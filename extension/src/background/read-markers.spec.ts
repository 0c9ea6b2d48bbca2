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
});
