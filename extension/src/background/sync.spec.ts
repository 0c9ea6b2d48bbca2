import { ROUTES, WorkerSnapshot } from '@chatroom/shared';
import { waitFor } from '../../../backend/test/support/server';
import { TestUser, uniqueName } from '../../test/support/api';
import { useWorkerHarness } from '../../test/support/worker-harness';

/** Lists, counts and delivered messages, against the real server on a temporary SQLite file. */
describe('Sync', () => {
  const harness = useWorkerHarness();

  it('delivers a DM within a second, counts it once and shows it on the badge', async () => {
    const { seen, username, store } = await harness.signedIn(harness.serverUrl);
    const friend = await TestUser.register(harness.serverUrl, uniqueName('friend'));

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

  it('tells the views nothing after a poll that brought nothing', async () => {
    const { seen, store } = await harness.signedIn(harness.serverUrl);
    const shown = seen.snapshot;
    const polled = (store.data.get('sync') as { lastId: number }).lastId;
    const writes = store.writes;
    // Each empty poll still stores where it stands (that keeps the worker alive): wait for two.
    await waitFor(() => store.writes >= writes + 2, { what: 'two empty polls' });
    expect(seen.snapshot).toBe(shown);
    expect((store.data.get('sync') as { lastId: number }).lastId).toBe(polled);
  });

  it('takes the server as the truth for unread counts read elsewhere', async () => {
    const { worker, seen, username, me } = await harness.signedIn(harness.serverUrl);
    const friend = await TestUser.register(harness.serverUrl, uniqueName('friend'));
    const message = await friend.send(username, 'read me on the other computer');
    await waitFor(() => seen.badge === '1', { what: 'badge 1' });

    await me.call('POST', '/read', { conversation: friend.username, last_read_id: message.id });
    await worker.request('refresh', null);
    expect(seen.badge).toBe('');
    expect(seen.snapshot?.totalUnread).toBe(0);
  });

  it('keeps a conversation viewed under a name typed in another case read, once the server spelt it', async () => {
    const { worker, seen, username, me } = await harness.signedIn(harness.serverUrl);
    const friend = await TestUser.register(harness.serverUrl, uniqueName('Friend'));
    await worker.attachView('popup');
    await worker.request('viewConversation', { conversation: friend.username.toUpperCase() }, 'popup');

    const first = await friend.send(username, 'spelt my way');
    await waitFor(() => seen.messages.some((m) => m.id === first.id), { what: 'the DM' });
    const next = await friend.send(username, 'still read');
    await waitFor(() => seen.messages.some((m) => m.id === next.id), { what: 'the second DM' });
    expect(seen.badge).toBe('');
    await waitFor(async () => (await me.call<{ total: number }>('GET', '/unread')).total === 0, { what: 'read on the server' });
  });

  it('folds edits, deletes and reactions into the preview and hands them to the views; none is unread', async () => {
    const { seen, username, store } = await harness.signedIn(harness.serverUrl);
    const friend = await TestUser.register(harness.serverUrl, uniqueName('friend'));
    const sent = await friend.send(username, 'helo');
    await waitFor(() => seen.badge === '1', { what: 'badge 1' });
    await waitFor(() => seen.snapshot?.conversations[0]?.last_message?.id === sent.id, { what: 'the preview' });

    await friend.call('PATCH', `/messages/${sent.id}`, { message: 'hello' });
    await friend.call('PUT', `/messages/${sent.id}/reactions/${encodeURIComponent('👍')}`);
    await waitFor(() => seen.snapshot?.conversations[0]?.last_message?.reactions.length === 1, { what: 'the reaction' });
    expect(seen.snapshot?.conversations[0]?.last_message).toMatchObject({
      id: sent.id,
      message: 'hello',
      edited_at: expect.any(String) as string,
      reactions: [{ emoji: '👍', users: [friend.username] }],
    });
    expect(seen.messages.filter((m) => m.relates_to === sent.id).map((m) => m.kind)).toEqual(['edit', 'reaction']);
    expect(seen.badge).toBe('1');

    // Deleting a message the user has not read takes it out of the count.
    await friend.call('DELETE', `/messages/${sent.id}`);
    await waitFor(() => seen.snapshot?.conversations[0]?.last_message?.deleted === true, { what: 'the preview deleted' });
    expect(seen.badge).toBe('');
    // Stored, so a new worker shows it too.
    expect((store.data.get('cache') as { conversations: { last_message: { deleted: boolean } }[] }).conversations[0]?.last_message.deleted).toBe(true);
  });

  it('forgets a mention whose message was deleted, unless the message was not the mention', async () => {
    // What the views were shown when each of the worker's own GET /unread was answered: a delete's
    // mention recount asks it, and shows its result in the next snapshot.
    const shownAtUnreadAnswer: (WorkerSnapshot | null)[] = [];
    let shown = (): WorkerSnapshot | null => null;
    const { seen, username, me } = await harness.signedIn(harness.serverUrl, {
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (new URL(input instanceof Request ? input.url : input).pathname === ROUTES.unread) shownAtUnreadAnswer.push(shown());
        return response;
      },
    });
    shown = () => seen.snapshot;
    const friend = await TestUser.register(harness.serverUrl, uniqueName('friend'));
    const room = await friend.call<{ room_id: string }>('POST', '/create_room', { participants: [username], name: 'Trip' });
    const mention = await friend.send(room.room_id, `@${username} bring the map`);
    const plain = await friend.send(room.room_id, 'and some bread');
    const later = await friend.send(room.room_id, 'see you');
    await waitFor(() => seen.messages.some((m) => m.id === later.id), { what: 'the messages' });
    const listed = () => seen.snapshot?.conversations.find((c) => c.id === room.room_id);
    await waitFor(() => listed()?.unread === 3 && listed()?.mentions === 1, { what: '3 unread, 1 mention' });

    const asked = shownAtUnreadAnswer.length;
    await friend.call('DELETE', `/messages/${plain.id}`);
    await waitFor(() => listed()?.unread === 2, { what: 'the plain message uncounted' });
    // The server, asked again, still counts the mention: it stays, once the worker has shown what it answered.
    await waitFor(() => shownAtUnreadAnswer.length > asked && seen.snapshot !== shownAtUnreadAnswer.at(-1), { what: 'the mention recounted' });
    const unread = () => me.call<{ mentions: Record<string, number> }>('GET', '/unread');
    expect((await unread()).mentions[room.room_id]).toBe(1);
    expect(listed()?.mentions).toBe(1);

    await friend.call('DELETE', `/messages/${mention.id}`);
    await waitFor(() => listed()?.unread === 1 && listed()?.mentions === 0, { what: 'the mention forgotten' });
  });

  it('notifies a mention in a room set to mentions only, while a view shows another conversation; an edit only when it newly mentions', async () => {
    const { worker, seen, username, me } = await harness.signedIn(harness.serverUrl);
    const friend = await TestUser.register(harness.serverUrl, uniqueName('friend'));
    const room = await friend.call<{ room_id: string }>('POST', '/create_room', { participants: [username], name: 'Trip' });
    await me.call('PUT', `/conversations/${room.room_id}/settings`, { notify: 'mentions' });
    await worker.request('refresh', null);
    await worker.attachView('popup');
    await worker.request('viewConversation', { conversation: friend.username }, 'popup');

    const plain = await friend.send(room.room_id, 'no mention here');
    await waitFor(() => seen.messages.some((m) => m.id === plain.id), { what: 'the plain message' });
    const mention = await friend.send(room.room_id, `@${username} bring the map`);
    await waitFor(() => seen.messages.some((m) => m.id === mention.id), { what: 'the mention' });
    await waitFor(() => seen.notified.length === 1, { what: 'one notification' });
    expect(seen.notified).toEqual([room.room_id]);
    expect(seen.shown[0]).toEqual({
      conversation: room.room_id,
      title: `${friend.username} mentioned you in Trip`,
      body: `@${username} bring the map`,
      actions: true,
    });

    const tent = await friend.send(room.room_id, 'and the tent');
    await friend.call('PATCH', `/messages/${tent.id}`, { message: `and the tent, @${username}` });
    await waitFor(() => seen.notified.length === 2, { what: 'the edit that mentions' });
    expect(seen.notifications[1]?.body).toBe(`2 new mentions\n${friend.username}: and the tent, @${username}`);
    await friend.call('PATCH', `/messages/${tent.id}`, { message: `and the big tent, @${username}` });
    const last = await friend.send(room.room_id, 'see you');
    await waitFor(() => seen.messages.some((m) => m.id === last.id), { what: 'the last message' });
    expect(seen.notified).toHaveLength(2);
  });

  it('notifies a room message while no view shows the room; a burst is one notification per conversation saying how many', async () => {
    const { worker, seen, username, store } = await harness.signedIn(harness.serverUrl);
    const friend = await TestUser.register(harness.serverUrl, uniqueName('friend'));
    const room = await friend.call<{ room_id: string }>('POST', '/create_room', { participants: [username], name: 'Weekend' });
    await worker.request('refresh', null);
    await worker.attachView('popup');
    await worker.request('viewConversation', { conversation: friend.username }, 'popup');

    const first = await friend.send(room.room_id, 'anyone up for a hike?');
    await waitFor(() => seen.notified.length === 1, { what: 'the room notification' });
    expect(seen.shown[0]).toMatchObject({ conversation: room.room_id, title: `${friend.username} in Weekend`, body: 'anyone up for a hike?' });
    expect(seen.messages.some((m) => m.id === first.id)).toBe(true);

    // The worker stops while three arrive: the next one's first poll brings them at once.
    await worker.stop();
    for (const text of ['saturday?', 'or sunday', 'bring boots']) await friend.send(room.room_id, text);
    const next = harness.make(store, harness.serverUrl);
    await next.worker.start();
    await waitFor(() => next.seen.notified.length === 1, { what: 'the burst' });
    expect(next.seen.shown[0]).toEqual({ conversation: room.room_id, title: 'Weekend', body: `4 new messages\n${friend.username}: bring boots`, actions: true });
    expect(next.seen.badgeLook).toMatchObject({ text: '4', title: '4 unread — Weekend (4)' });

    // Shown in a view: read, and its notification goes.
    await next.worker.attachView('popup');
    await next.worker.request('viewConversation', { conversation: room.room_id }, 'popup');
    expect(next.seen.cleared).toContain(room.room_id);
    expect(next.seen.badge).toBe('');
  });

  it('counts the badge as the server counts /unread’s badge, under every level and mute', async () => {
    const { worker, seen, username, me } = await harness.signedIn(harness.serverUrl);
    const friend = await TestUser.register(harness.serverUrl, uniqueName('friend'));
    const quiet = await friend.call<{ room_id: string }>('POST', '/create_room', { participants: [username], name: 'Quiet' });
    const muted = await friend.call<{ room_id: string }>('POST', '/create_room', { participants: [username], name: 'Muted' });
    await worker.request('refresh', null);
    await worker.request('conversationSettings', { conversation: quiet.room_id, notify: 'mentions' });
    await worker.request('conversationSettings', { conversation: muted.room_id, muted_until: new Date(Date.now() + 3_600_000).toISOString() });

    let last = await friend.send(quiet.room_id, 'plain');
    last = await friend.send(quiet.room_id, `@${username} look`);
    last = await friend.send(muted.room_id, 'muted plain');
    last = await friend.send(muted.room_id, `@${username} muted mention`);
    last = await friend.send(username, 'direct');
    await waitFor(() => seen.messages.some((m) => m.id === last.id), { what: 'every message' });
    const server = await me.call<{ badge: number; total: number }>('GET', '/unread');
    expect(server).toMatchObject({ badge: 2, total: 5 });
    expect(seen.badge).toBe(String(server.badge));
    await waitFor(() => seen.badgeLook?.title === `2 unread — ${friend.username} (1), Quiet (1)`, { what: 'the tooltip, most recent first' });
    expect(seen.notified.sort()).toEqual([friend.username, quiet.room_id].sort());

    // And again from the server's lists after a resync.
    await worker.request('refresh', null);
    expect(seen.badge).toBe('2');
  });

  it('marks a conversation read from its notification: the badge share and the notification go', async () => {
    const { worker, seen, username, me } = await harness.signedIn(harness.serverUrl);
    const friend = await TestUser.register(harness.serverUrl, uniqueName('friend'));
    const sent = await friend.send(username, 'are you there?');
    await waitFor(() => seen.badge === '1', { what: 'badge 1' });
    await waitFor(() => seen.snapshot?.conversations.some((c) => c.last_message?.id === sent.id) === true, { what: 'the list' });

    await worker.notificationAction(friend.username, 'read');
    expect(seen.badge).toBe('');
    expect(seen.cleared).toEqual([friend.username]);
    await waitFor(async () => (await me.call<{ total: number }>('GET', '/unread')).total === 0, { what: 'read on the server' });

    await worker.notificationAction(friend.username, 'reply');
    expect(seen.snapshot?.requestedConversation).toEqual({ conversation: friend.username, compose: true });
  });

  it('notifies by the conversation’s level and mute, and not at all during do-not-disturb', async () => {
    const { worker, seen, username, me } = await harness.signedIn(harness.serverUrl);
    const friend = await TestUser.register(harness.serverUrl, uniqueName('friend'));
    const room = await friend.call<{ room_id: string }>('POST', '/create_room', { participants: [username], name: 'Trip' });
    const later = new Date(Date.now() + 3_600_000).toISOString();
    /** Sends each text to the conversation and waits until the worker has it. */
    const deliver = async (conversation: string, ...texts: string[]) => {
      for (const text of texts) {
        const sent = await friend.send(conversation, text);
        await waitFor(() => seen.messages.some((m) => m.id === sent.id), { what: text });
      }
    };
    const settle = async (path: string, body: unknown) => {
      await me.call('PUT', path, body);
      await worker.request('refresh', null);
    };

    await deliver(username, 'first');
    await settle(`/conversations/${room.room_id}/settings`, { notify: 'none' });
    await settle(`/conversations/${friend.username}/settings`, { notify: 'mentions' });
    await deliver(room.room_id, `@${username} under none`);
    await deliver(username, 'plain under mentions', `@${username} under mentions`);
    await settle(`/conversations/${room.room_id}/settings`, { notify: 'all', muted_until: later });
    await deliver(room.room_id, `@${username} while muted`);
    await settle(`/conversations/${room.room_id}/settings`, { muted_until: null });
    await settle('/me/settings', { dnd_until: later });
    await deliver(room.room_id, `@${username} during do-not-disturb`);
    await settle('/me/settings', { dnd_until: null });
    await deliver(room.room_id, `@${username} after all that`);

    expect(seen.notifications.map((n) => n.body)).toEqual([
      'first',
      `@${username} under mentions`,
      // Everything unread in the room, notified or not, waits for the user now.
      `4 new messages\n${friend.username}: @${username} after all that`,
    ]);
    expect(seen.snapshot?.dndUntil).toBeNull();
  });
});
