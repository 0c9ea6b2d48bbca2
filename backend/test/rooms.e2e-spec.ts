import type { ChatMessage, Room } from '@chatroom/shared';
import type { TestUser } from './support/api';
import { useTestServer } from './support/use-test-server';

describe('group rooms', () => {
  const t = useTestServer();
  const [alice, bob, carol, dave] = t.users('alice', 'bob', 'carol', 'dave');

  async function createRoom(admin: TestUser, members: TestUser[], name?: string): Promise<Room> {
    const response = await admin.post('/create_room', { participants: members.map((m) => m.username), ...(name ? { name } : {}) });
    expect(response.status).toBe(201);
    return response.body;
  }

  const lastId = async (user: TestUser) => (await user.messages(0, '&limit=1000')).last_id;

  it('creates room_N with the creator as admin and member, and tells members in the timeline', async () => {
    const before = await lastId(bob);
    const room = await createRoom(alice, [bob, carol], 'Weekend plans');
    expect(room).toEqual({
      room_id: expect.stringMatching(/^room_\d+$/),
      name: 'Weekend plans',
      admin: alice.username,
      participants: [alice.username, bob.username, carol.username].sort(),
    });
    const events = (await bob.messages(before)).messages;
    expect(events).toEqual([
      expect.objectContaining({ kind: 'event', recipient: room.room_id, sender: alice.username, message: expect.stringContaining('Weekend plans') }),
    ]);
    const listed = await bob.get('/rooms');
    expect(listed.body.rooms).toContainEqual(room);
  });

  it('numbers rooms room_1, room_2, ... and names unnamed rooms after their members', async () => {
    const first = await createRoom(alice, [bob]);
    const second = await createRoom(bob, [carol]);
    expect(Number(second.room_id.slice(5))).toBe(Number(first.room_id.slice(5)) + 1);
    expect(first.name).toContain(bob.username);
  });

  it('answers 404 naming unknown participants, and creates nothing', async () => {
    const before = await lastId(alice);
    const response = await alice.post('/create_room', { participants: [bob.username, 'ghost_one', 'ghost_two'] });
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'unknown_users', field: 'participants' });
    expect(response.body.message).toContain('ghost_one');
    expect(response.body.message).toContain('ghost_two');
    expect((await alice.messages(before)).messages).toEqual([]);
  });

  it.each([
    [{}, 'participants'],
    [{ participants: [] }, 'participants'],
    [{ participants: 'bob' }, 'participants'],
    [{ participants: [1, 2] }, 'participants'],
    [{ participants: ['bob'], name: '' }, 'name'],
    [{ participants: ['bob'], name: 'n'.repeat(101) }, 'name'],
  ])('rejects /create_room %j naming the field', async (body, field) => {
    const response = await alice.post('/create_room', body);
    expect(response.status).toBe(400);
    expect(response.body.field).toBe(field);
  });

  it('delivers room messages to members only, and refuses senders who are not members', async () => {
    const room = await createRoom(alice, [bob]);
    const before = await lastId(carol);
    const sent = await bob.send(room.room_id, 'hello room');
    expect((await alice.messages(sent.id - 1)).messages).toEqual([sent]);
    expect((await carol.messages(before)).messages.filter((m) => m.recipient === room.room_id)).toEqual([]);

    const outsider = await carol.post('/send', { recipient: room.room_id, message: 'let me in' });
    expect(outsider.status).toBe(403);
    expect(outsider.body).toMatchObject({ code: 'not_room_member', field: 'recipient' });
    expect((await carol.get(`/history?with=${room.room_id}`)).status).toBe(403);
    expect((await carol.get('/conversations')).body.conversations.map((c: { id: string }) => c.id)).not.toContain(room.room_id);
  });

  it('stops delivering to a member who leaves, and hands admin to the longest-standing member', async () => {
    const room = await createRoom(alice, [bob, carol]);
    const left = await alice.post('/leave_room', { room_id: room.room_id });
    expect(left.status).toBe(200);
    const rooms: Room[] = (await bob.get('/rooms')).body.rooms;
    const after = rooms.find((r) => r.room_id === room.room_id)!;
    expect(after.participants).toEqual([bob.username, carol.username].sort());
    expect(after.admin).toBe([bob.username, carol.username].sort()[0]);

    const aliceLast = await lastId(alice);
    const sent = await bob.send(room.room_id, 'after alice left');
    expect((await alice.messages(aliceLast)).messages.map((m) => m.id)).not.toContain(sent.id);
    expect((await carol.messages(sent.id - 1)).messages.map((m) => m.id)).toEqual([sent.id]);
    expect((await alice.post('/send', { recipient: room.room_id, message: 'x' })).status).toBe(403);
    expect((await alice.get('/rooms')).body.rooms.map((r: Room) => r.room_id)).not.toContain(room.room_id);
  });

  it("lets the admin add, remove and rename; members see each change as an event", async () => {
    const room = await createRoom(alice, [bob]);
    const before = await lastId(bob);

    const added = await alice.post(`/rooms/${room.room_id}/members`, { username: dave.username });
    expect(added.status).toBe(200);
    expect(added.body.participants).toContain(dave.username);
    const renamed = await alice.request('PATCH', `/rooms/${room.room_id}`, { name: 'Renamed' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Renamed');
    const removed = await alice.request('DELETE', `/rooms/${room.room_id}/members/${bob.username}`);
    expect(removed.status).toBe(200);
    expect(removed.body.participants).not.toContain(bob.username);

    const seenByBob: ChatMessage[] = (await bob.messages(before)).messages;
    expect(seenByBob.map((m) => m.kind)).toEqual(['event', 'event', 'event']);
    expect(seenByBob.map((m) => m.message).join(' | ')).toMatch(/added .*renamed .*removed/);

    // Dave sees the room from when he was added, not before.
    const history: ChatMessage[] = (await dave.get(`/history?with=${room.room_id}`)).body.messages;
    expect(history[0]!.message).toContain(`added ${dave.username}`);
  });

  it('lets only the admin manage the room', async () => {
    const room = await createRoom(alice, [bob]);
    for (const response of [
      await bob.post(`/rooms/${room.room_id}/members`, { username: carol.username }),
      await bob.request('DELETE', `/rooms/${room.room_id}/members/${alice.username}`),
      await bob.request('PATCH', `/rooms/${room.room_id}`, { name: 'Mine now' }),
    ]) {
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('not_room_admin');
    }
    expect((await carol.request('PATCH', `/rooms/${room.room_id}`, { name: 'x' })).status).toBe(403);
    expect((await alice.request('PATCH', '/rooms/room_999999', { name: 'x' })).status).toBe(404);
    expect((await alice.post(`/rooms/${room.room_id}/members`, { username: 'ghost_user' })).status).toBe(404);
    expect((await alice.post(`/rooms/${room.room_id}/members`, { username: bob.username })).status).toBe(409);
  });

  it('refuses leaving a room one is not in, and old clients naming someone else', async () => {
    const room = await createRoom(alice, [bob]);
    expect((await carol.post('/leave_room', { room_id: room.room_id })).status).toBe(403);
    expect((await alice.post('/leave_room', { room_id: 'room_999999' })).status).toBe(404);
    expect((await alice.post('/leave_room', { room_id: room.room_id, username: bob.username })).status).toBe(403);
    expect((await alice.post('/create_room', { participants: [bob.username], admin: bob.username })).status).toBe(403);
    expect((await alice.post('/leave_room', {})).body.field).toBe('room_id');
  });

  it('lets a member who left and came back see both stretches, but not the gap', async () => {
    const room = await createRoom(alice, [bob]);
    const during1 = await alice.send(room.room_id, 'first stretch');
    await alice.request('DELETE', `/rooms/${room.room_id}/members/${bob.username}`);
    const gap = await alice.send(room.room_id, 'while bob was away');
    await alice.post(`/rooms/${room.room_id}/members`, { username: bob.username });
    const during2 = await alice.send(room.room_id, 'second stretch');

    const history: ChatMessage[] = (await bob.get(`/history?with=${room.room_id}&limit=50`)).body.messages;
    const ids = history.map((m) => m.id);
    expect(ids).toContain(during1.id);
    expect(ids).toContain(during2.id);
    expect(ids).not.toContain(gap.id);
    const polled = (await bob.messages(during1.id - 1)).messages.map((m) => m.id);
    expect(polled).toContain(during2.id);
    expect(polled).not.toContain(gap.id);
  });
});
