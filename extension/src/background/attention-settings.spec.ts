import { waitFor } from '../../../backend/test/support/server';
import { TestUser, uniqueName } from '../../test/support/api';
import { useWorkerHarness } from '../../test/support/worker-harness';

/** Notification levels, mutes and do-not-disturb set through the worker, against the real server. */
describe('AttentionSettings', () => {
  const harness = useWorkerHarness();

  it('sets a conversation’s level for every session; the list and the badge follow at once', async () => {
    const { worker, seen, username, me } = await harness.signedIn(harness.serverUrl);
    const friend = await TestUser.register(harness.serverUrl, uniqueName('friend'));
    const room = await friend.call<{ room_id: string }>('POST', '/create_room', { participants: [username], name: 'Noisy' });
    const sent = await friend.send(room.room_id, 'lots of chatter');
    await waitFor(() => seen.badge === '1', { what: 'badge 1' });
    await waitFor(() => seen.snapshot?.conversations.some((c) => c.last_message?.id === sent.id) === true, { what: 'the list' });

    const settings = await worker.request('conversationSettings', { conversation: room.room_id, notify: 'none' });
    expect(settings).toEqual({ notify: 'none', muted_until: null });
    expect(seen.badge).toBe('');
    expect(seen.snapshot?.conversations.find((c) => c.id === room.room_id)).toMatchObject({ notify: 'none', unread: 1 });
    const listed = await me.call<{ conversations: { id: string; notify: string }[] }>('GET', '/conversations');
    expect(listed.conversations.find((c) => c.id === room.room_id)?.notify).toBe('none');

    await worker.request('conversationSettings', { conversation: room.room_id, notify: 'mentions' });
    expect(seen.badge).toBe('');
    await friend.send(room.room_id, `@${username} you too`);
    await waitFor(() => seen.badgeLook?.title === '1 unread — Noisy (1)', { what: 'the mention on the badge' });
  });

  it('snoozes notifications for the account and shows it; the privacy switches keep their values apart', async () => {
    const { worker, seen, me } = await harness.signedIn(harness.serverUrl);
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const saved = await worker.request('saveAccountSettings', { dnd_until: until });
    expect(saved).toEqual({ dnd_until: until, share_read_receipts: true, share_typing: true });
    expect(seen.snapshot?.dndUntil).toBe(until);

    await worker.request('saveAccountSettings', { share_typing: false });
    expect(await me.call('GET', '/me/settings')).toEqual({ dnd_until: until, share_read_receipts: true, share_typing: false });

    await me.call('PUT', '/me/settings', { dnd_until: null });
    expect(await worker.request('accountSettings', null)).toMatchObject({ dnd_until: null });
    expect(seen.snapshot?.dndUntil).toBeNull();
  });
});
