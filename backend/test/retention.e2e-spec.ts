import { Api, type Json } from './support/api';
import { usingPostgres, withDatabase } from './support/database';
import { startServer, waitFor } from './support/server';
import { useTestServer } from './support/use-test-server';

const DAY_MS = 24 * 60 * 60 * 1000;
const encode = encodeURIComponent;

describe('RETENTION_DAYS: the server erases messages sent longer ago', () => {
  jest.setTimeout(60_000);
  // Started without RETENTION_DAYS, so that nothing is erased while a test builds its history.
  const t = useTestServer();
  const [alice, bob] = t.users('alice', 'bob');
  const RETENTION = { RETENTION_DAYS: '30' };

  /** Moves the entries after `afterId` up to `lastId` `days` into the past: history stays in sending order. */
  async function sentDaysAgo(days: number, lastId: number, afterId = 0): Promise<void> {
    await withDatabase(t.database.url, (db) =>
      db
        .updateTable('messages')
        .set({ created_at: new Date(Date.now() - days * DAY_MS).toISOString() })
        .where('id', '>', afterId)
        .where('id', '<=', lastId)
        .execute(),
    );
  }

  it('leaves tombstones of old messages (text, earlier texts, reactions, mentions and files gone) and keeps the rest', async () => {
    const oldFile = await alice.uploaded('old.txt', 'an old file');
    const oldDm = await alice.send(bob.username, `old news for @${bob.username}`, { attachments: [oldFile.upload_id] });
    const room = (await alice.post('/create_room', { participants: [bob.username], name: 'Old times' })).body;
    const oldInRoom = await alice.send(room.room_id, 'an old room message');
    await sentDaysAgo(31, oldInRoom.id);

    // Within the last 30 days: changes to the old message, a reply quoting it, and new messages.
    expect((await alice.request('PATCH', `/messages/${oldDm.id}`, { message: 'old news, edited lately' })).status).toBe(200);
    expect((await bob.request('PUT', `/messages/${oldDm.id}/reactions/${encode('👍')}`)).status).toBe(200);
    const reply = await bob.send(alice.username, 'answering the old one', { reply_to: oldDm.id });
    const fresh = await alice.send(bob.username, 'still fresh');
    const freshInRoom = await alice.send(room.room_id, 'fresh in the room');
    expect((await bob.get('/unread')).body).toEqual({
      total: 4,
      badge: 4,
      conversations: { [alice.username]: 2, [room.room_id]: 2 },
      mentions: { [alice.username]: 1 },
    });

    expect(await t.server.stop()).toBe(0);
    // On PostgreSQL, two instances start together, and both run the job over the same history at once.
    const { PORT: _firstPort, ...settings } = t.server.env;
    const [other] = await Promise.all([
      usingPostgres() ? startServer({ databaseUrl: t.database.url, env: { ...settings, ...RETENTION } }) : undefined,
      t.restart(RETENTION),
    ]);
    const erased = await waitFor(
      async () => {
        const state = (await bob.get(`/messages/${oldDm.id}`)).body;
        return state.deleted === true && state;
      },
      { timeoutMs: 20_000, what: 'the job to erase the old message after the restart' },
    );

    expect(erased).toMatchObject({ message: '', deleted: true, reactions: [], mentions: [], attachments: [] });
    expect((await bob.get(`/uploads/${oldFile.upload_id}/old.txt`)).status).toBe(404);
    await waitFor(
      async () => (await withDatabase(t.database.url, (db) => db.selectFrom('uploads').select('id').where('id', '=', oldFile.upload_id).execute())).length === 0,
      { what: 'the expired message\'s file removed' },
    );
    expect((await alice.get(`/messages/${oldDm.id}/revisions`)).body.code).toBe('message_deleted');
    expect((await bob.get(`/messages/${oldInRoom.id}`)).body).toMatchObject({ message: '', deleted: true });
    // Their tombstones keep their places; the edit's text went with the message.
    const dm = (await bob.get(`/history?with=${alice.username}`)).body.messages as Json[];
    expect(dm.map((message) => [message.id, message.message, message.deleted])).toEqual([
      [oldDm.id, '', true],
      [reply.id, 'answering the old one', false],
      [fresh.id, 'still fresh', false],
    ]);
    expect(dm[1].reply_to).toEqual({ id: oldDm.id, sender: alice.username, excerpt: '', deleted: true });
    const timeline = (await bob.messages(0)).messages;
    expect(timeline.filter((entry) => entry.kind === 'edit' && entry.relates_to === oldDm.id).map((entry) => entry.message)).toEqual(['']);
    // Room events are not chat messages: they stay.
    const roomHistory = (await bob.get(`/history?with=${room.room_id}`)).body.messages as Json[];
    expect(roomHistory.filter((entry) => entry.kind === 'event').length).toBeGreaterThan(0);
    expect(roomHistory.filter((entry) => entry.kind === 'message').map((entry) => entry.message)).toEqual(['', 'fresh in the room']);
    expect((await bob.get(`/messages/${freshInRoom.id}`)).body).toMatchObject({ message: 'fresh in the room', deleted: false });
    // What expired unread no longer counts as unread, nor its mention.
    expect((await bob.get('/unread')).body).toEqual({ total: 2, badge: 2, conversations: { [alice.username]: 1, [room.room_id]: 1 }, mentions: {} });
    if (other) {
      expect((await new Api(other.url, bob.token).get(`/messages/${oldInRoom.id}`)).body).toMatchObject({ message: '', deleted: true });
      expect(await other.stop()).toBe(0);
      expect(`${other.output()}${t.server.output()}`).not.toMatch(/failed|error/i);
    }
  });

  it('erases what is older than RETENTION_DAYS and keeps what is a day younger', async () => {
    const older = await alice.send(bob.username, 'older than the limit');
    const younger = await alice.send(bob.username, 'one day short of it');
    await sentDaysAgo(31, older.id);
    await sentDaysAgo(29, younger.id, older.id);
    // The job runs soon after start, then daily: a restart stands in for the next day.
    expect(await t.server.stop()).toBe(0);
    await t.restart(RETENTION);
    await waitFor(async () => (await bob.get(`/messages/${older.id}`)).body.deleted === true, { timeoutMs: 20_000, what: 'the older message to be erased' });
    expect((await bob.get(`/messages/${younger.id}`)).body).toMatchObject({ message: 'one day short of it', deleted: false });
    // The walk stopped at the younger message and remembers where: the next run goes on from there.
    const mark = await withDatabase(t.database.url, (db) => db.selectFrom('counters').select('value').where('name', '=', 'retention_walked_id').executeTakeFirstOrThrow());
    expect(mark.value).toBe(older.id);
  });
});
