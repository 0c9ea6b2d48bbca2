import { waitFor } from '../../../backend/test/support/server';
import { TestUser, uniqueName } from '../../test/support/api';
import { tokenOf, useWorkerHarness } from '../../test/support/worker-harness';

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

  it('takes the server as the truth for unread counts read elsewhere', async () => {
    const { worker, seen, username, store } = await harness.signedIn(harness.serverUrl);
    const friend = await TestUser.register(harness.serverUrl, uniqueName('friend'));
    const message = await friend.send(username, 'read me on the other computer');
    await waitFor(() => seen.badge === '1', { what: 'badge 1' });

    const otherComputer = new TestUser(harness.serverUrl, username, '', tokenOf(store));
    await otherComputer.call('POST', '/read', { conversation: friend.username, last_read_id: message.id });
    await worker.request('refresh', null);
    expect(seen.badge).toBe('');
    expect(seen.snapshot?.totalUnread).toBe(0);
  });

  it('keeps a conversation viewed under a name typed in another case read, once the server spelt it', async () => {
    const { worker, seen, username, store } = await harness.signedIn(harness.serverUrl);
    const friend = await TestUser.register(harness.serverUrl, uniqueName('Friend'));
    await worker.attachView('popup');
    await worker.request('viewConversation', { conversation: friend.username.toUpperCase() }, 'popup');

    const first = await friend.send(username, 'spelt my way');
    await waitFor(() => seen.messages.some((m) => m.id === first.id), { what: 'the DM' });
    const next = await friend.send(username, 'still read');
    await waitFor(() => seen.messages.some((m) => m.id === next.id), { what: 'the second DM' });
    expect(seen.badge).toBe('');
    const me = new TestUser(harness.serverUrl, username, '', tokenOf(store));
    await waitFor(async () => (await me.call<{ total: number }>('GET', '/unread')).total === 0, { what: 'read on the server' });
  });
});
