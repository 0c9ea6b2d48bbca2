import type { Ephemeral, MessagesResponse } from '@chatroom/shared';
import { TestUser } from './support/api';
import { waitFor } from './support/server';
import { useTestServer } from './support/use-test-server';

/**
 * Seen and typing (issue #10): read receipts and typing states reach the other participants on their
 * long-poll as `ephemeral` items, outside the id sequence, and `read-state` gives the receipts so far.
 */
describe('seen and typing', () => {
  const t = useTestServer();
  const [amy, bob, carl, dora] = t.users('st_amy', 'st_bob', 'st_carl', 'st_dora');

  const newest = async (user: TestUser): Promise<number> => (await user.messages(0, '&limit=1000')).last_id;

  /** Starts a long-poll of `user` from their newest entry; resolves once it waits on the server, with its answer to come. */
  async function waiting(user: TestUser, seconds = 10): Promise<{ answer: Promise<MessagesResponse> }> {
    const before = await user.waitingPolls();
    const answer = user.messages(await newest(user), `&timeout=${seconds}`);
    await waitFor(async () => (await user.waitingPolls()) > before, { what: `${user.username}'s poll to wait` });
    // Wrapped: an async function returning a promise would wait for it.
    return { answer };
  }

  /** What `user`'s polls bring within `seconds`, until `done` says enough (every answer counts: each item comes once). */
  async function ephemeralUntil(user: TestUser, done: (items: Ephemeral[]) => boolean, seconds = 10): Promise<Ephemeral[]> {
    const items: Ephemeral[] = [];
    const deadline = Date.now() + seconds * 1000;
    let lastId = 0;
    let timeout = 0;
    while (!done(items)) {
      if (Date.now() > deadline) throw new Error(`${user.username} got ${JSON.stringify(items)}`);
      const answer = await user.messages(lastId, `&limit=1000&timeout=${timeout}`);
      items.push(...(answer.ephemeral ?? []));
      lastId = answer.last_id;
      timeout = 2;
    }
    return items;
  }

  /** Every answer of `user`'s polls from `lastId` until the entry `id` arrives, its ephemeral items together. */
  async function messagesUntil(user: TestUser, lastId: number, id: number): Promise<{ ephemeral: Ephemeral[] }> {
    const ephemeral: Ephemeral[] = [];
    const deadline = Date.now() + 10_000;
    for (let from = lastId; ; ) {
      if (Date.now() > deadline) throw new Error(`${user.username} never got entry ${id}`);
      const answer = await user.messages(from, '&limit=1000&timeout=2');
      ephemeral.push(...(answer.ephemeral ?? []));
      if (answer.messages.some((m) => m.id === id)) return { ephemeral };
      from = answer.last_id;
    }
  }

  it("answers a waiting poll with the other side's read marker, in the conversation as the reader names it", async () => {
    const sent = await amy.send(bob.username, 'did you see this?');
    const { answer: amyPoll } = await waiting(amy);
    const carlPoll = carl.messages(await newest(carl), '&timeout=1');
    expect((await bob.post('/read', { conversation: amy.username, last_read_id: sent.id })).status).toBe(200);
    const answer = await amyPoll;
    expect(answer.messages).toEqual([]);
    expect(answer.ephemeral).toEqual([{ type: 'read', conversation: bob.username, user: bob.username, last_read_id: sent.id }]);
    expect((await carlPoll).ephemeral).toBeUndefined();
    // Nothing is replayed: the next poll waits for news again.
    expect((await amy.messages(answer.last_id, '&timeout=1')).ephemeral).toBeUndefined();
    // Posting the same marker again tells nobody: bob's next message arrives with no receipt beside it.
    await bob.post('/read', { conversation: amy.username, last_read_id: sent.id });
    const reply = await bob.send(amy.username, 'yes, seen');
    const after = await messagesUntil(amy, answer.last_id, reply.id);
    expect(after.ephemeral).toEqual([]);
  });

  it('holds news that arrives between two polls for the next one', async () => {
    const sent = await bob.send(amy.username, 'between polls');
    await amy.post('/read', { conversation: bob.username, last_read_id: sent.id });
    const answer = await bob.messages(sent.id, '&timeout=10');
    expect(answer.ephemeral).toEqual([{ type: 'read', conversation: amy.username, user: amy.username, last_read_id: sent.id }]);
  });

  it('gives the read state of a DM and of a room: the other members who share receipts', async () => {
    const room = (await amy.post('/create_room', { participants: [bob.username, carl.username], name: 'Seen' })).body as { room_id: string };
    const sent = await amy.send(room.room_id, 'hello room');
    await bob.post('/read', { conversation: room.room_id, last_read_id: sent.id });
    await carl.post('/read', { conversation: room.room_id, last_read_id: sent.id });
    expect((await amy.get(`/conversations/${room.room_id}/read-state`)).body).toEqual({ markers: { [bob.username]: sent.id, [carl.username]: sent.id } });
    expect((await bob.get(`/conversations/${room.room_id}/read-state`)).body.markers).not.toHaveProperty(bob.username);

    expect((await carl.request('PUT', '/me/settings', { share_read_receipts: false })).status).toBe(200);
    expect((await amy.get(`/conversations/${room.room_id}/read-state`)).body).toEqual({ markers: { [bob.username]: sent.id } });
    const later = await amy.send(room.room_id, 'again');
    const { answer: amyPoll } = await waiting(amy);
    await carl.post('/read', { conversation: room.room_id, last_read_id: later.id });
    await bob.post('/read', { conversation: room.room_id, last_read_id: later.id });
    // Carl's own count is cleared all the same; only bob's receipt travels.
    expect((await carl.get('/unread')).body.conversations).not.toHaveProperty(room.room_id);
    expect((await amyPoll).ephemeral).toEqual([{ type: 'read', conversation: room.room_id, user: bob.username, last_read_id: later.id }]);
    await carl.request('PUT', '/me/settings', { share_read_receipts: true });

    expect((await dora.get(`/conversations/${room.room_id}/read-state`)).status).toBe(403);
    expect((await amy.get('/conversations/nobody_at_all/read-state')).status).toBe(404);
    expect((await amy.get(`/conversations/${bob.username}/read-state`)).body.markers).toHaveProperty(bob.username);
  });

  it('tells the others who is typing, the full list each time, until they stop', async () => {
    const room = (await amy.post('/create_room', { participants: [bob.username, carl.username], name: 'Typing' })).body as { room_id: string };
    const { answer: amyPoll } = await waiting(amy);
    expect((await bob.post('/typing', { conversation: room.room_id, typing: true })).body).toEqual({ ok: true });
    expect((await amyPoll).ephemeral).toEqual([{ type: 'typing', conversation: room.room_id, users: [bob.username] }]);

    await carl.post('/typing', { conversation: room.room_id, typing: true });
    const toBob = await ephemeralUntil(bob, (items) => items.some((i) => i.type === 'typing' && i.users.includes(carl.username)));
    expect(toBob.at(-1)).toEqual({ type: 'typing', conversation: room.room_id, users: [carl.username] });

    await bob.post('/typing', { conversation: room.room_id, typing: false });
    await carl.post('/typing', { conversation: room.room_id, typing: false });
    const toAmy = await ephemeralUntil(amy, (items) => items.some((i) => i.type === 'typing' && i.users.length === 0));
    expect(toAmy.at(-1)).toEqual({ type: 'typing', conversation: room.room_id, users: [] });
  });

  it('ends a typing state 6 s after it was last said, in a DM as the other side names it', async () => {
    await bob.post('/typing', { conversation: amy.username, typing: true });
    const started = Date.now();
    const items = await ephemeralUntil(amy, (got) => got.some((i) => i.type === 'typing' && i.users.length === 0), 15);
    expect(items[0]).toEqual({ type: 'typing', conversation: bob.username, users: [bob.username] });
    expect(items.at(-1)).toEqual({ type: 'typing', conversation: bob.username, users: [] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(5000);
  }, 30_000);

  it('tells nothing of someone who shares no typing', async () => {
    await dora.request('PUT', '/me/settings', { share_typing: false });
    const from = await newest(amy);
    expect((await dora.post('/typing', { conversation: amy.username, typing: true })).status).toBe(200);
    // Her message, sent after, arrives alone: a typing state would have come with it or before it.
    const sent = await dora.send(amy.username, 'typed in silence');
    expect((await messagesUntil(amy, from, sent.id)).ephemeral).toEqual([]);
  });

  it('takes a conversation in any spelling of its name', async () => {
    const other = bob.username.toUpperCase();
    const sent = await bob.send(amy.username, 'spell me');
    await amy.post('/read', { conversation: other, last_read_id: sent.id });
    expect((await bob.get(`/conversations/${amy.username.toUpperCase()}/read-state`)).body).toEqual({ markers: { [amy.username]: sent.id } });

    const { answer: bobPoll } = await waiting(bob);
    expect((await amy.post('/typing', { conversation: other, typing: true })).body).toEqual({ ok: true });
    expect((await bobPoll).ephemeral).toEqual([{ type: 'typing', conversation: amy.username, users: [amy.username] }]);
    await amy.post('/typing', { conversation: other, typing: false });
    const items = await ephemeralUntil(bob, (got) => got.some((i) => i.type === 'typing' && i.users.length === 0));
    expect(items.at(-1)).toEqual({ type: 'typing', conversation: amy.username, users: [] });
  });

  it('refuses what is not a conversation of yours or not a typing state, naming the field', async () => {
    const room = (await amy.post('/create_room', { participants: [bob.username], name: 'Closed' })).body as { room_id: string };
    for (const typing of ['true', 1, null, undefined]) {
      expect((await amy.post('/typing', { conversation: bob.username, typing })).body).toMatchObject({ code: 'validation_failed', field: 'typing' });
    }
    expect((await carl.post('/typing', { conversation: room.room_id, typing: true })).body).toMatchObject({ code: 'not_room_member', field: 'conversation' });
    expect((await amy.post('/typing', { conversation: 'nobody_at_all', typing: true })).status).toBe(404);
    expect((await t.api.post('/typing', { conversation: bob.username, typing: true })).status).toBe(401);
  });
});

describe('typing in a large room', () => {
  const t = useTestServer();
  const members = t.users(...Array.from({ length: 21 }, (_, i) => `st_big${i}`));

  it('is not shared in rooms of more than 20 members', async () => {
    const [owner, typist, ...rest] = members as [TestUser, TestUser, ...TestUser[]];
    const room = (await owner.post('/create_room', { participants: [typist.username, ...rest.map((m) => m.username)], name: 'Big' })).body as { room_id: string };
    const poll = owner.messages((await owner.messages(0, '&limit=1000')).last_id, '&timeout=1');
    expect((await typist.post('/typing', { conversation: room.room_id, typing: true })).status).toBe(200);
    expect((await poll).ephemeral).toBeUndefined();
  });
});
