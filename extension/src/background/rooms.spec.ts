import { waitFor } from '../../../backend/test/support/server';
import { TestUser, uniqueName } from '../../test/support/api';
import { useWorkerHarness } from '../../test/support/worker-harness';

describe('Rooms', () => {
  const harness = useWorkerHarness();

  it('lists a group at once after creating it, and forgets its unread count on leaving', async () => {
    const { worker, seen, username } = await harness.signedIn(harness.serverUrl);
    const friend = await TestUser.register(harness.serverUrl, uniqueName('friend'));
    const room = await friend.call<{ room_id: string }>('POST', '/create_room', { participants: [username], name: 'Trip' });
    await friend.send(room.room_id, 'Who brings the tent?');
    await waitFor(() => seen.badge === '1', { what: 'badge 1' });

    await worker.request('leaveRoom', { room_id: room.room_id });
    expect(seen.badge).toBe('');
    expect(seen.snapshot?.rooms.map((r) => r.room_id)).not.toContain(room.room_id);

    const own = await worker.request('createRoom', { participants: [friend.username], name: 'Ours' });
    expect(seen.snapshot?.rooms.map((r) => r.room_id)).toContain(own.room_id);
  });
});
