import type { Conversation } from '@chatroom/shared';
import { registerUser } from './support/api';
import { useTestServer } from './support/use-test-server';

describe('conversations, read markers and unread counts', () => {
  const t = useTestServer();
  const [alice, bob, carol] = t.users('alice', 'bob', 'carol');

  it('lists DMs and rooms with last message and unread count, most recent first', async () => {
    await bob.send(alice.username, 'dm 1');
    const lastDm = await bob.send(alice.username, 'dm 2');
    const room = (await carol.post('/create_room', { participants: [alice.username], name: 'Book club' })).body;
    const lastRoom = await carol.send(room.room_id, 'room message');

    const { conversations } = (await alice.get('/conversations')).body as { conversations: Conversation[] };
    expect(conversations.map((c) => c.id)).toEqual([room.room_id, bob.username]);
    expect(conversations[0]).toMatchObject({ type: 'room', name: 'Book club', unread: 1, last_message: lastRoom, last_read_id: 0 });
    expect(conversations[1]).toMatchObject({ type: 'dm', name: bob.username, unread: 2, last_message: lastDm });

    // The sender has nothing unread in what they wrote.
    const bobs = (await bob.get('/conversations')).body.conversations as Conversation[];
    expect(bobs.find((c) => c.id === alice.username)?.unread).toBe(0);

    expect((await alice.get('/unread')).body).toEqual({ total: 3, badge: 3, conversations: { [room.room_id]: 1, [bob.username]: 2 }, mentions: {} });
  });

  it('moves read markers forward only, and unread counts follow them', async () => {
    const first = await carol.send(bob.username, 'one');
    const second = await carol.send(bob.username, 'two');
    expect((await bob.get('/unread')).body.conversations[carol.username]).toBe(2);

    const read = await bob.post('/read', { conversation: carol.username, last_read_id: first.id });
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ conversation: carol.username, last_read_id: first.id, unread: 1, mentions: 0 });

    const backwards = await bob.post('/read', { conversation: carol.username, last_read_id: 0 });
    expect(backwards.body).toEqual({ conversation: carol.username, last_read_id: first.id, unread: 1, mentions: 0 });

    await bob.post('/read', { conversation: carol.username, last_read_id: second.id });
    expect((await bob.get('/unread')).body.conversations[carol.username]).toBeUndefined();
  });

  it('counts the same for every session of one user', async () => {
    const second = await t.api.post('/login', { username: alice.username, password: 'correct horse battery' });
    const other = alice.as(second.body.token);
    const sent = await carol.send(alice.username, 'seen on two computers');
    await alice.post('/read', { conversation: carol.username, last_read_id: sent.id });
    expect((await other.get('/unread')).body.conversations[carol.username]).toBeUndefined();
  });

  it('does not count room events or the time before joining', async () => {
    const dave = await registerUser(t.api, 'dave');
    const room = (await alice.post('/create_room', { participants: [bob.username] })).body;
    await alice.send(room.room_id, 'before dave');
    await alice.post(`/rooms/${room.room_id}/members`, { username: dave.username });
    await alice.request('PATCH', `/rooms/${room.room_id}`, { name: 'New name' });
    expect((await dave.get('/unread')).body).toEqual({ total: 0, badge: 0, conversations: {}, mentions: {} });
    await bob.send(room.room_id, 'after dave');
    expect((await dave.get('/unread')).body).toEqual({ total: 1, badge: 1, conversations: { [room.room_id]: 1 }, mentions: {} });
  });

  it('never moves a read marker past the newest message, so later messages still count', async () => {
    const erin = await registerUser(t.api, 'erin');
    const latest = await carol.send(erin.username, 'hello erin');
    const ahead = await erin.post('/read', { conversation: carol.username, last_read_id: latest.id + 1_000_000 });
    expect(ahead.body).toEqual({ conversation: carol.username, last_read_id: latest.id, unread: 0, mentions: 0 });

    await carol.send(erin.username, 'are you there?');
    expect((await erin.get('/unread')).body).toEqual({ total: 1, badge: 1, conversations: { [carol.username]: 1 }, mentions: {} });
    const listed = (await erin.get('/conversations')).body.conversations as Conversation[];
    expect(listed.find((c) => c.id === carol.username)).toMatchObject({ unread: 1, last_read_id: latest.id });
  });

  it('keeps a room read marker within what the reader could see there', async () => {
    const frank = await registerUser(t.api, 'frank');
    const room = (await alice.post('/create_room', { participants: [frank.username, carol.username] })).body;
    const latest = await alice.send(room.room_id, 'agenda');
    const ahead = await frank.post('/read', { conversation: room.room_id, last_read_id: latest.id + 1_000_000 });
    expect(ahead.body).toEqual({ conversation: room.room_id, last_read_id: latest.id, unread: 0, mentions: 0 });
    await alice.send(room.room_id, 'minutes');
    expect((await frank.get('/unread')).body.conversations[room.room_id]).toBe(1);

    await carol.post('/leave_room', { room_id: room.room_id });
    const history = (await carol.get(`/history?with=${room.room_id}`)).body.messages as { id: number }[];
    await alice.send(room.room_id, 'after carol left');
    const left = await carol.post('/read', { conversation: room.room_id, last_read_id: latest.id + 1_000_000 });
    expect(left.body).toEqual({ conversation: room.room_id, last_read_id: history.at(-1)!.id, unread: 0, mentions: 0 });
  });

  it('refuses read markers for rooms one never joined, unknown users, and bad ids', async () => {
    const room = (await alice.post('/create_room', { participants: [bob.username] })).body;
    expect((await carol.post('/read', { conversation: room.room_id, last_read_id: 1 })).status).toBe(403);
    expect((await carol.post('/read', { conversation: 'ghost_user', last_read_id: 1 })).status).toBe(404);
    const negative = await carol.post('/read', { conversation: alice.username, last_read_id: -5 });
    expect(negative.status).toBe(400);
    expect(negative.body.field).toBe('last_read_id');
    expect((await carol.post('/read', { last_read_id: 3 })).body.field).toBe('conversation');
  });

  it('answers for a user in more conversations than one statement can count', async () => {
    const busy = await registerUser(t.api, 'busy');
    const rooms: string[] = [];
    for (let batch = 0; batch < 13; batch++) {
      const created = await Promise.all(Array.from({ length: 40 }, () => busy.post('/create_room', { participants: [alice.username] })));
      rooms.push(...created.map((response) => response.body.room_id as string));
    }
    const last = rooms.at(-1)!;
    await alice.send(last, `@${busy.username} are you there?`);
    const listed = await busy.get('/conversations');
    expect(listed.status).toBe(200);
    expect(listed.body.conversations).toHaveLength(rooms.length);
    expect(listed.body.conversations[0]).toMatchObject({ id: last, unread: 1, mentions: 1 });
    expect((await busy.get('/unread')).body).toEqual({ total: 1, badge: 1, conversations: { [last]: 1 }, mentions: { [last]: 1 } });
  }, 60_000);
});
