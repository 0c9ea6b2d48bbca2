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

  it('notifies a mention even in a room and while a view is open; an edit only when it newly mentions', async () => {
    const { worker, seen, username } = await harness.signedIn(harness.serverUrl);
    const friend = await TestUser.register(harness.serverUrl, uniqueName('friend'));
    const room = await friend.call<{ room_id: string }>('POST', '/create_room', { participants: [username], name: 'Trip' });
    await worker.attachView('popup');

    await friend.send(room.room_id, 'no mention here');
    const mention = await friend.send(room.room_id, `@${username} bring the map`);
    await waitFor(() => seen.messages.some((m) => m.id === mention.id), { what: 'the mention' });
    await waitFor(() => seen.notified.length === 1, { what: 'one notification' });
    expect(seen.notified).toEqual([room.room_id]);
    expect(seen.notifications[0]).toEqual({ title: `${friend.username} mentioned you in Trip`, body: `@${username} bring the map` });

    const plain = await friend.send(room.room_id, 'and the tent');
    await friend.call('PATCH', `/messages/${plain.id}`, { message: `and the tent, @${username}` });
    await waitFor(() => seen.notified.length === 2, { what: 'the edit that mentions' });
    await friend.call('PATCH', `/messages/${plain.id}`, { message: `and the big tent, @${username}` });
    const last = await friend.send(room.room_id, 'see you');
    await waitFor(() => seen.messages.some((m) => m.id === last.id), { what: 'the last message' });
    expect(seen.notified).toHaveLength(2);
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

    expect(seen.notifications.map((n) => n.body)).toEqual(['first', `@${username} under mentions`, `@${username} after all that`]);
  });
});
