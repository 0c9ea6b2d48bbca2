import type { ChatMessage, CurrentMessage, Reaction } from '@chatroom/shared';
import { Json, registerUser, TestUser } from './support/api';
import { waitFor } from './support/server';
import { useTestServer } from './support/use-test-server';

/**
 * Edits, deletes, reactions, replies and mentions (issue #9): each change is a timeline entry of its
 * own, delivered through /messages; reads (/history, /conversations, GET /messages/{id}) show
 * messages in their current state.
 */

const edit = (user: TestUser, id: number, message: unknown, extra: Record<string, unknown> = {}) =>
  user.request('PATCH', `/messages/${id}`, { message, ...extra });
const remove = (user: TestUser, id: number, body?: Record<string, unknown>) => user.request('DELETE', `/messages/${id}`, body);
const react = (user: TestUser, id: number, emoji: string, body?: Record<string, unknown>) =>
  user.request('PUT', `/messages/${id}/reactions/${encodeURIComponent(emoji)}`, body);
const unreact = (user: TestUser, id: number, emoji: string, body?: Record<string, unknown>) =>
  user.request('DELETE', `/messages/${id}/reactions/${encodeURIComponent(emoji)}`, body);

/** Every entry `user` can see with an id above `after`, read page by page. */
async function entriesAfter(user: TestUser, after: number): Promise<ChatMessage[]> {
  const seen: ChatMessage[] = [];
  for (let cursor = after; ; ) {
    const page = await user.messages(cursor, '&limit=1000');
    if (page.messages.length === 0) return seen;
    seen.push(...page.messages);
    cursor = page.last_id;
  }
}

async function history(user: TestUser, withWhom: string): Promise<CurrentMessage[]> {
  const response = await user.get(`/history?with=${withWhom}&limit=1000`);
  expect(response.status).toBe(200);
  return response.body.messages;
}

async function inHistory(user: TestUser, withWhom: string, id: number): Promise<CurrentMessage | undefined> {
  return (await history(user, withWhom)).find((message) => message.id === id);
}

async function createRoom(admin: TestUser, members: TestUser[]): Promise<string> {
  const response = await admin.post('/create_room', { participants: members.map((member) => member.username) });
  expect(response.status).toBe(201);
  return response.body.room_id;
}

/** The newest id `user` can see: entries after it are what the test does next. */
async function mark(user: TestUser): Promise<number> {
  let cursor = 0;
  for (;;) {
    const page = await user.messages(cursor, '&limit=1000');
    if (page.messages.length === 0) return cursor;
    cursor = page.last_id;
  }
}

const unread = async (user: TestUser): Promise<Json> => (await user.get('/unread')).body;

describe('living messages', () => {
  const t = useTestServer({ env: { ADMIN_USERS: 'living_boss' } });
  const [alice, bob, carol, dave] = t.users('alice', 'bob', 'carol', 'dave');
  const boss = t.user('living_boss', { exactName: true });

  describe('editing', () => {
    it('lets the author edit: a new entry for every participant, and every read shows the current text', async () => {
      const sent = await alice.send(bob.username, 'helo');
      const before = await mark(carol);
      const edited = await edit(alice, sent.id, 'hello');
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ id: sent.id, kind: 'message', message: 'hello', deleted: false, reactions: [], reply_to: null, mentions: [] });
      expect(new Date(edited.body.edited_at).toISOString()).toBe(edited.body.edited_at);

      for (const user of [alice, bob]) {
        const entries = await entriesAfter(user, sent.id);
        expect(entries).toEqual([
          expect.objectContaining({ kind: 'edit', relates_to: sent.id, sender: alice.username, recipient: bob.username, message: 'hello', mentions: [], new_mentions: [] }),
        ]);
        expect(entries[0]!.id).toBeGreaterThan(sent.id);
      }
      expect(await entriesAfter(carol, before)).toEqual([]);

      expect(await inHistory(bob, alice.username, sent.id)).toEqual(edited.body);
      expect((await bob.get(`/messages/${sent.id}`)).body).toEqual(edited.body);
      expect((await bob.get(`/messages/${sent.id}/revisions`)).body).toEqual({
        revisions: [
          { message: 'helo', edited_at: null },
          { message: 'hello', edited_at: edited.body.edited_at },
        ],
      });
      const conversation = (await bob.get('/conversations')).body.conversations.find((c: Json) => c.id === alice.username);
      expect(conversation.last_message).toEqual(edited.body);
      // The edit is not a new unread message.
      expect((await unread(bob)).conversations[alice.username]).toBe(1);
    });

    it('answers the same text again with the message, adding no entry', async () => {
      const sent = await alice.send(bob.username, 'unchanged');
      const again = await edit(alice, sent.id, 'unchanged');
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ message: 'unchanged', edited_at: null });
      expect(await entriesAfter(bob, sent.id)).toEqual([]);
    });

    it('refuses anyone but the author, what one cannot see, events, deleted messages and bad input', async () => {
      const room = await createRoom(alice, [bob]);
      const event = (await history(alice, room))[0]!;
      expect(event.kind).toBe('event');
      const sent = await alice.send(bob.username, 'mine');
      const before = await mark(bob);

      expect((await edit(bob, sent.id, 'theirs')).body).toMatchObject({ statusCode: 403, code: 'forbidden' });
      expect((await edit(carol, sent.id, 'snooping')).body).toMatchObject({ statusCode: 404, code: 'not_found' });
      expect((await edit(alice, 9_000_000_000, 'nothing')).status).toBe(404);
      expect((await edit(alice, event.id, 'renamed')).body).toMatchObject({ statusCode: 400, field: 'id' });
      for (const [message, field] of [['', 'message'], [' \n ', 'message'], ['x'.repeat(4001), 'message'], [12, 'message'], ['a\u0000b', 'message']] as const) {
        expect((await edit(alice, sent.id, message)).body).toMatchObject({ statusCode: 400, code: 'validation_failed', field });
      }
      expect((await edit(alice, sent.id, 'ok', { colour: 'red' })).body).toMatchObject({ statusCode: 400, field: 'colour' });
      for (const id of ['abc', '0', '-1', '1.5', '99999999999999999999']) {
        expect((await alice.request('PATCH', `/messages/${id}`, { message: 'x' })).body).toMatchObject({ statusCode: 400, field: 'id' });
      }
      expect(await entriesAfter(bob, before)).toEqual([]);

      expect((await remove(alice, sent.id)).status).toBe(200);
      expect((await edit(alice, sent.id, 'too late')).body).toMatchObject({ statusCode: 410, code: 'message_deleted' });
    });

    it('makes retries with the same client_id safe, also racing ones', async () => {
      const sent = await alice.send(bob.username, 'v1');
      expect((await edit(alice, sent.id, 'v2', { client_id: 'edit-1' })).status).toBe(200);
      expect((await edit(alice, sent.id, 'v3')).status).toBe(200);
      // A late retry of the first edit does not bring its text back.
      const retry = await edit(alice, sent.id, 'v2', { client_id: 'edit-1' });
      expect(retry.status).toBe(200);
      expect(retry.body.message).toBe('v3');
      expect((await entriesAfter(bob, sent.id)).map((e) => e.message)).toEqual(['v2', 'v3']);

      const racing = await Promise.all(Array.from({ length: 5 }, () => edit(alice, sent.id, 'v4', { client_id: 'edit-2' })));
      expect(racing.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      expect((await entriesAfter(bob, sent.id)).filter((e) => e.client_id === 'edit-2')).toHaveLength(1);

      // A client_id names one change only.
      const other = await alice.send(bob.username, 'other');
      expect((await edit(alice, other.id, 'changed', { client_id: 'edit-1' })).body).toMatchObject({ statusCode: 400, field: 'client_id' });
      expect((await alice.post('/send', { recipient: bob.username, message: 'x', client_id: 'edit-1' })).body).toMatchObject({ statusCode: 400, field: 'client_id' });
    });
  });

  describe('deleting', () => {
    it('erases the text and every earlier text; the id stays, a tombstone everyone reads alike, also from the database', async () => {
      const sent = await alice.send(bob.username, 'secret one');
      await edit(alice, sent.id, 'secret two');
      const reply = await bob.send(alice.username, 'what?', { reply_to: sent.id });
      expect((await react(bob, sent.id, '👍')).status).toBe(200);
      await bob.send(alice.username, 'mentioning @' + alice.username);

      const deleted = await remove(alice, sent.id);
      expect(deleted.status).toBe(200);
      expect(deleted.body).toEqual({ ok: true });

      const entries = await entriesAfter(bob, sent.id - 1);
      expect(entries.map((e) => [e.kind, e.message])).toEqual([
        ['message', ''],
        ['edit', ''],
        ['message', 'what?'],
        ['reaction', '👍'],
        ['message', `mentioning @${alice.username}`],
        ['delete', ''],
      ]);
      expect(entries.at(-1)).toMatchObject({ kind: 'delete', relates_to: sent.id, sender: alice.username, recipient: bob.username });
      expect(entries.find((e) => e.id === reply.id)?.reply_to).toEqual({ id: sent.id, sender: alice.username, excerpt: '', deleted: true });
      const all = JSON.stringify(await entriesAfter(bob, 0));
      expect(all).not.toContain('secret');

      const tombstone = await inHistory(bob, alice.username, sent.id);
      expect(tombstone).toMatchObject({ id: sent.id, message: '', deleted: true, edited_at: null, reactions: [], reply_to: null, mentions: [] });
      expect((await bob.get(`/messages/${sent.id}`)).body).toEqual(tombstone);
      expect((await inHistory(alice, bob.username, reply.id))?.reply_to).toEqual({ id: sent.id, sender: alice.username, excerpt: '', deleted: true });
      expect((await bob.get(`/messages/${sent.id}/revisions`)).body).toMatchObject({ statusCode: 410, code: 'message_deleted' });
      expect((await remove(alice, sent.id)).body).toMatchObject({ statusCode: 410, code: 'message_deleted' });
      expect((await react(bob, sent.id, '🎉')).body).toMatchObject({ statusCode: 400, field: 'id' });

      // Polls answered from memory and from the database (after a restart) agree, and neither has the text.
      const fromMemory = await entriesAfter(bob, 0);
      await t.server.stop();
      await t.restart();
      const fromDatabase = await entriesAfter(bob, 0);
      expect(fromDatabase).toEqual(fromMemory);
      expect(JSON.stringify(fromDatabase)).not.toContain('secret');
    });

    it("lets a room's admin delete any message of the room, a server admin any message, and nobody else", async () => {
      const room = await createRoom(alice, [bob, carol]);
      const byBob = await bob.send(room, 'off topic');
      expect((await remove(carol, byBob.id)).body).toMatchObject({ statusCode: 403, code: 'forbidden' });
      expect((await remove(dave, byBob.id)).body).toMatchObject({ statusCode: 404 });
      expect((await remove(alice, byBob.id)).status).toBe(200);

      const again = await bob.send(room, 'spam');
      const before = await mark(carol);
      expect((await remove(boss, again.id)).status).toBe(200);
      expect(await entriesAfter(carol, before)).toEqual([expect.objectContaining({ kind: 'delete', relates_to: again.id, sender: boss.username, recipient: room })]);

      // A DM the server admin is not part of: its two users get the delete, the admin sees nothing of it.
      const direct = await bob.send(carol.username, 'between us');
      const bossBefore = await mark(boss);
      expect((await remove(alice, direct.id)).status).toBe(404);
      expect((await remove(boss, direct.id)).status).toBe(200);
      for (const user of [bob, carol]) {
        expect(await entriesAfter(user, direct.id)).toEqual([expect.objectContaining({ kind: 'delete', relates_to: direct.id, sender: boss.username })]);
      }
      expect(await entriesAfter(boss, bossBefore)).toEqual([]);
      expect((await boss.get(`/messages/${direct.id}`)).status).toBe(404);
    });

    it('lets the author delete after leaving the room; the members get the delete', async () => {
      const room = await createRoom(alice, [bob, carol]);
      const byCarol = await carol.send(room, 'my phone number is ...');
      expect((await carol.post('/leave_room', { room_id: room })).status).toBe(200);
      const before = await mark(carol);
      expect((await remove(carol, byCarol.id)).status).toBe(200);
      expect((await entriesAfter(bob, byCarol.id)).at(-1)).toMatchObject({ kind: 'delete', relates_to: byCarol.id, sender: carol.username });
      expect(await entriesAfter(carol, before)).toEqual([]);
      expect((await inHistory(bob, room, byCarol.id))?.deleted).toBe(true);
    });

    it('lowers the unread and mention counts of those who had not read it', async () => {
      const erin = await registerUser(t.api, 'erin');
      await alice.send(erin.username, 'first');
      const mentioning = await alice.send(erin.username, `hey @${erin.username}`);
      expect(await unread(erin)).toEqual({ total: 2, badge: 2, conversations: { [alice.username]: 2 }, mentions: { [alice.username]: 1 } });
      await remove(alice, mentioning.id);
      expect(await unread(erin)).toEqual({ total: 1, badge: 1, conversations: { [alice.username]: 1 }, mentions: {} });
      const listed = (await erin.get('/conversations')).body.conversations[0];
      expect(listed).toMatchObject({ unread: 1, mentions: 0 });
      expect(listed.last_message).toMatchObject({ id: mentioning.id, deleted: true, message: '' });
    });

    it('makes retries with the same client_id safe', async () => {
      const sent = await alice.send(bob.username, 'oops');
      expect((await remove(alice, sent.id, { client_id: 'del-1' })).status).toBe(200);
      expect((await remove(alice, sent.id, { client_id: 'del-1' })).body).toEqual({ ok: true });
      expect((await entriesAfter(bob, sent.id)).filter((e) => e.kind === 'delete')).toHaveLength(1);
      expect((await remove(alice, sent.id, { client_id: 'c'.repeat(65) })).body).toMatchObject({ statusCode: 400, field: 'client_id' });
    });
  });

  describe('reactions', () => {
    const emojiOf = (reactions: Reaction[]) => reactions.map((r) => [r.emoji, r.users]);

    it('adds and takes back reactions, each change an entry; reads list emoji in order of first use', async () => {
      const room = await createRoom(alice, [bob, carol]);
      const sent = await alice.send(room, 'lunch?');
      expect((await react(bob, sent.id, '👍')).body.reactions).toEqual([{ emoji: '👍', users: [bob.username] }]);
      await react(carol, sent.id, '❤️');
      const both = await react(alice, sent.id, '👍');
      expect(both.status).toBe(200);
      expect(emojiOf(both.body.reactions)).toEqual([
        ['👍', [bob.username, alice.username]],
        ['❤️', [carol.username]],
      ]);
      // Having it already: 200, nothing new.
      expect((await react(bob, sent.id, '👍')).status).toBe(200);

      const taken = await unreact(bob, sent.id, '👍');
      expect(taken.status).toBe(200);
      expect(emojiOf(taken.body.reactions)).toEqual([
        ['👍', [alice.username]],
        ['❤️', [carol.username]],
      ]);
      expect((await unreact(bob, sent.id, '👍')).status).toBe(200);

      const entries = (await entriesAfter(carol, sent.id)).map((e) => [e.kind, e.sender, e.message, e.relates_to, e.removed]);
      expect(entries).toEqual([
        ['reaction', bob.username, '👍', sent.id, false],
        ['reaction', carol.username, '❤️', sent.id, false],
        ['reaction', alice.username, '👍', sent.id, false],
        ['reaction', bob.username, '👍', sent.id, true],
      ]);
      expect((await inHistory(carol, room, sent.id))?.reactions).toEqual(taken.body.reactions);
      // Reactions are never unread messages.
      expect((await unread(alice)).conversations[room]).toBeUndefined();
    });

    it('takes one emoji, at most 20 different ones per message', async () => {
      const sent = await alice.send(bob.username, 'rate this');
      for (const text of ['a', '1', ':)', '👍👍', '👍 ', 'x'.repeat(40)]) {
        expect((await react(bob, sent.id, text)).body).toMatchObject({ statusCode: 400, field: 'emoji' });
      }
      expect((await bob.request('PUT', `/messages/${sent.id}/reactions/%F0%9F`)).status).toBe(400);
      const twenty = ['😀', '😁', '😂', '🤣', '😃', '😄', '😅', '😆', '😉', '😊', '😋', '😎', '😍', '😘', '🥰', '😗', '😙', '😚', '🙂', '🤗'];
      for (const emoji of twenty) expect((await react(alice, sent.id, emoji)).status).toBe(200);
      expect((await react(bob, sent.id, '🤩')).body).toMatchObject({ statusCode: 400, code: 'validation_failed', field: 'emoji' });
      expect((await react(bob, sent.id, '😀')).status).toBe(200);
      const state = (await bob.get(`/messages/${sent.id}`)).body;
      expect(state.reactions.map((r: Reaction) => r.emoji)).toEqual(twenty);
      expect(state.reactions[0].users).toEqual([alice.username, bob.username]);
    });

    it('keeps the limit of 20 under concurrent reactions, and one reaction per user and emoji from two sessions', async () => {
      const sent = await alice.send(bob.username, 'race');
      const emoji = ['😀', '😁', '😂', '🤣', '😃', '😄', '😅', '😆', '😉', '😊', '😋', '😎', '😍', '😘', '🥰', '😗', '😙', '😚', '🙂', '🤗', '🤩', '🤔', '🤨', '😐', '😑'];
      const answers = await Promise.all(emoji.map((e) => react(bob, sent.id, e)));
      expect(answers.filter((a) => a.status === 200)).toHaveLength(20);
      expect(answers.filter((a) => a.status === 400)).toHaveLength(5);

      const other = await alice.send(bob.username, 'double click');
      const login = await t.api.post('/login', { username: bob.username, password: 'correct horse battery' });
      const secondSession = Object.assign(bob.as(login.body.token), { username: bob.username });
      await Promise.all([react(bob, other.id, '👍'), react(secondSession, other.id, '👍'), react(bob, other.id, '👍')]);
      expect((await entriesAfter(alice, other.id)).filter((e) => e.kind === 'reaction')).toHaveLength(1);
      expect((await alice.get(`/messages/${other.id}`)).body.reactions).toEqual([{ emoji: '👍', users: [bob.username] }]);
    });

    it('refuses events, announcements and deleted messages, and those who cannot see the message or left its room', async () => {
      const room = await createRoom(alice, [bob, carol]);
      const event = (await history(alice, room))[0]!;
      expect((await react(bob, event.id, '👍')).body).toMatchObject({ statusCode: 400, field: 'id' });
      expect((await boss.post('/announcement', { text: `Reacting to this at ${Date.now()}` })).status).toBe(201);
      const announcement = await waitFor(async () => (await entriesAfter(bob, 0)).filter((e) => e.kind === 'announcement').at(-1), { what: 'the announcement entry' });
      expect((await react(bob, announcement.id, '👍')).body).toMatchObject({ statusCode: 400, field: 'id' });

      const sent = await alice.send(room, 'before carol left');
      expect((await react(dave, sent.id, '👍')).body).toMatchObject({ statusCode: 404 });
      await carol.post('/leave_room', { room_id: room });
      expect((await react(carol, sent.id, '👍')).body).toMatchObject({ statusCode: 403, code: 'not_room_member' });
      expect((await edit(alice, sent.id, 'still editable')).status).toBe(200);
    });

    it('makes retries with the same client_id safe', async () => {
      const sent = await alice.send(bob.username, 'toggle');
      expect((await react(bob, sent.id, '👍', { client_id: 'r-1' })).status).toBe(200);
      expect((await unreact(bob, sent.id, '👍', { client_id: 'r-2' })).status).toBe(200);
      // The first, retried late, does not add the reaction back.
      const retried = await react(bob, sent.id, '👍', { client_id: 'r-1' });
      expect(retried.status).toBe(200);
      expect(retried.body.reactions).toEqual([]);
      expect((await entriesAfter(alice, sent.id)).map((e) => e.removed)).toEqual([false, true]);
      expect((await react(bob, sent.id, '🎉', { client_id: 'r-2' })).body).toMatchObject({ statusCode: 400, field: 'client_id' });
    });
  });

  describe('replies', () => {
    it('quote the message answered and mention its author; reads show the original as it is now', async () => {
      const room = await createRoom(bob, [alice, carol]);
      const long = `${'a'.repeat(139)}😀 and more after the first 140 characters`;
      const original = await bob.send(room, long);
      const response = await alice.post('/send', { recipient: room, message: 'agreed', reply_to: original.id });
      expect(response.status).toBe(201);
      const reply = response.body as ChatMessage;
      expect(reply.reply_to).toEqual({ id: original.id, sender: bob.username, excerpt: `${'a'.repeat(139)}😀`, deleted: false });
      expect(reply.mentions).toEqual([bob.username]);
      expect((await unread(bob)).mentions[room]).toBe(1);
      expect((await unread(carol)).mentions[room]).toBeUndefined();

      await edit(bob, original.id, 'shorter');
      expect((await inHistory(carol, room, reply.id))?.reply_to).toEqual({ id: original.id, sender: bob.username, excerpt: 'shorter', deleted: false });
      expect((await carol.get(`/messages/${reply.id}`)).body.reply_to.excerpt).toBe('shorter');
      // The entry itself quotes the original as it was when the reply was written.
      expect((await entriesAfter(carol, reply.id - 1))[0]?.reply_to?.excerpt).toBe(`${'a'.repeat(139)}😀`);

      await remove(bob, original.id);
      expect((await inHistory(carol, room, reply.id))?.reply_to).toEqual({ id: original.id, sender: bob.username, excerpt: '', deleted: true });
      const listed = (await carol.get('/conversations')).body.conversations.find((c: Json) => c.id === room);
      expect(listed.last_message).toMatchObject({ id: reply.id, reply_to: { deleted: true } });
    });

    it("refuses answering what one cannot see, another conversation's message, events and deleted messages", async () => {
      const room = await createRoom(alice, [bob]);
      const event = (await history(alice, room))[0]!;
      const elsewhere = await alice.send(bob.username, 'in the DM');
      const private_ = await carol.send(dave.username, 'not for alice');
      const gone = await bob.send(room, 'gone soon');
      await remove(bob, gone.id);
      const before = await mark(bob);

      const attempt = (reply_to: unknown) => alice.post('/send', { recipient: room, message: 'reply', reply_to });
      expect((await attempt(9_000_000_000)).body).toMatchObject({ statusCode: 404, field: 'reply_to' });
      expect((await attempt(private_.id)).body).toMatchObject({ statusCode: 404, field: 'reply_to' });
      expect((await attempt(elsewhere.id)).body).toMatchObject({ statusCode: 400, field: 'reply_to' });
      expect((await attempt(event.id)).body).toMatchObject({ statusCode: 400, field: 'reply_to' });
      expect((await attempt(gone.id)).body).toMatchObject({ statusCode: 400, field: 'reply_to' });
      for (const value of ['5', 0, -1, 1.5, null, [5], {}]) expect((await attempt(value)).body).toMatchObject({ statusCode: 400, field: 'reply_to' });
      expect(await entriesAfter(bob, before)).toEqual([]);
    });
  });

  describe('mentions', () => {
    it('mentions participants by name in any case, every member with @room, and counts them until read', async () => {
      const room = await createRoom(alice, [bob, carol]);
      const named = await alice.send(room, `hi @${bob.username.toUpperCase()} and @${dave.username}, see me@example.com`);
      expect(named.mentions).toEqual([bob.username]);
      const everyone = await alice.send(room, '@room lunch at noon');
      expect(everyone.mentions).toEqual([bob.username, carol.username]);
      const plain = await alice.send(room, 'no mentions');
      expect(plain.mentions).toEqual([]);

      expect((await unread(bob)).mentions[room]).toBe(2);
      expect((await unread(carol)).mentions[room]).toBe(1);
      expect((await unread(alice)).mentions[room]).toBeUndefined();
      expect((await unread(dave)).mentions).toEqual({});
      expect((await bob.get('/conversations')).body.conversations.find((c: Json) => c.id === room)).toMatchObject({ unread: 3, mentions: 2 });

      const read = await bob.post('/read', { conversation: room, last_read_id: named.id });
      expect(read.body).toMatchObject({ unread: 2, mentions: 1 });
      await bob.post('/read', { conversation: room, last_read_id: plain.id });
      expect((await unread(bob)).mentions[room]).toBeUndefined();

      // @room means every member in a room only; in a DM it is a word.
      expect((await alice.send(bob.username, '@room?')).mentions).toEqual([]);
    });

    it('notifies only whom an edit newly mentions', async () => {
      const room = await createRoom(alice, [bob, carol]);
      const sent = await alice.send(room, `hi @${bob.username}`);
      const counts = async () => [(await unread(bob)).mentions[room] ?? 0, (await unread(carol)).mentions[room] ?? 0];
      expect(await counts()).toEqual([1, 0]);

      const withCarol = await edit(alice, sent.id, `hi @${bob.username} and @${carol.username}`);
      expect(withCarol.body.mentions).toEqual([bob.username, carol.username]);
      const [entry] = await entriesAfter(carol, sent.id);
      expect(entry).toMatchObject({ kind: 'edit', mentions: [bob.username, carol.username], new_mentions: [carol.username] });
      expect(await counts()).toEqual([1, 1]);

      await edit(alice, sent.id, `only @${carol.username}`);
      const back = await edit(alice, sent.id, `@${bob.username} again`);
      expect(back.body.mentions).toEqual([bob.username]);
      const entries = await entriesAfter(carol, sent.id);
      expect(entries.map((e) => e.new_mentions)).toEqual([[carol.username], [], []]);
      expect(await counts()).toEqual([1, 1]);
      // Edits are not unread messages; reading up to the edit clears its mention.
      expect((await unread(carol)).conversations[room]).toBe(1);
      const read = await carol.post('/read', { conversation: room, last_read_id: entries.at(-1)!.id });
      expect(read.body).toMatchObject({ last_read_id: entries.at(-1)!.id, unread: 0, mentions: 0 });
    });
  });

  describe('after leaving a room', () => {
    it('shows a former member nothing of what happened since, and the messages as they were when they left', async () => {
      const room = await createRoom(alice, [bob, carol]);
      const sent = await alice.send(room, 'plan A');
      await react(bob, sent.id, '👍');
      const asLeft = (await carol.get(`/messages/${sent.id}`)).body;
      await carol.post('/leave_room', { room_id: room });
      const left = await mark(carol);

      await edit(alice, sent.id, 'plan B');
      await react(bob, sent.id, '❤️');
      await unreact(bob, sent.id, '👍');
      expect(await entriesAfter(carol, left)).toEqual([]);
      expect(await inHistory(carol, room, sent.id)).toEqual(asLeft);
      expect((await carol.get(`/messages/${sent.id}`)).body).toEqual(asLeft);
      expect((await carol.get(`/messages/${sent.id}/revisions`)).body).toEqual({ revisions: [{ message: 'plan A', edited_at: null }] });
      expect((await edit(carol, sent.id, 'x')).status).toBe(403);
      expect((await bob.get(`/messages/${sent.id}`)).body).toMatchObject({ message: 'plan B', reactions: [{ emoji: '❤️', users: [bob.username] }] });

      // A deletion erases the text for everyone, former members too.
      await remove(alice, sent.id);
      expect(await inHistory(carol, room, sent.id)).toMatchObject({ deleted: true, message: '' });
    });
  });

  describe('in /messages', () => {
    it('delivers messages and their edits, reactions and deletes in id order, once each, to waiting polls and pages alike', async () => {
      const room = await createRoom(alice, [bob]);
      const start = await mark(bob);
      const waiting = bob.messages(start, '&timeout=20');
      await waitFor(async () => (await bob.waitingPolls()) > 0, { what: "bob's poll to wait" });
      const first = await alice.send(room, 'one');
      expect((await waiting).messages.map((m) => m.id)).toEqual([first.id]);

      const woken = bob.messages(first.id, '&timeout=20');
      await waitFor(async () => (await bob.waitingPolls()) > 0, { what: "bob's second poll to wait" });
      await edit(alice, first.id, 'one, edited');
      expect((await woken).messages).toEqual([expect.objectContaining({ kind: 'edit', relates_to: first.id, message: 'one, edited' })]);

      const second = await alice.send(room, 'two', { reply_to: first.id });
      await react(bob, second.id, '🎉');
      await edit(alice, second.id, 'two, edited');
      await unreact(bob, second.id, '🎉');
      await remove(alice, first.id);
      const expected = ['message', 'edit', 'message', 'reaction', 'edit', 'reaction', 'delete'];

      const seen: ChatMessage[] = [];
      for (let cursor = start; ; ) {
        const page = await bob.messages(cursor, '&limit=2');
        if (page.messages.length === 0) break;
        expect(page.messages.length).toBeLessThanOrEqual(2);
        seen.push(...page.messages);
        cursor = page.last_id;
      }
      expect(seen.map((m) => m.kind)).toEqual(expected);
      const ids = seen.map((m) => m.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(ids.length);
      expect(await entriesAfter(alice, start)).toEqual(seen);
      expect((await unread(bob)).conversations[room]).toBe(1);
    });
  });
});

describe('the edit window (MESSAGE_EDIT_WINDOW_SECONDS)', () => {
  describe('of 2 s', () => {
    const t = useTestServer({ env: { MESSAGE_EDIT_WINDOW_SECONDS: '2' } });
    const [alice, bob] = t.users('alice', 'bob');

    it('lets the author edit within it, refuses 403 edit_window_expired after it, and still lets them delete', async () => {
      const sent = await alice.send(bob.username, 'quick');
      expect((await edit(alice, sent.id, 'quick fix')).status).toBe(200);
      const late = await waitFor(
        async () => {
          const answer = await edit(alice, sent.id, `late ${Date.now()}`);
          return answer.status === 403 && answer;
        },
        { timeoutMs: 10_000, intervalMs: 250, what: 'the edit window to close' },
      );
      expect(late.body).toMatchObject({ statusCode: 403, code: 'edit_window_expired', field: 'id' });
      expect((await remove(alice, sent.id)).status).toBe(200);
    });
  });

  describe('of 0 (editing off)', () => {
    const t = useTestServer({ env: { MESSAGE_EDIT_WINDOW_SECONDS: '0' } });
    const [alice, bob] = t.users('alice', 'bob');

    it('refuses every edit, and still lets authors delete and everyone react', async () => {
      const sent = await alice.send(bob.username, 'final');
      expect((await edit(alice, sent.id, 'changed')).body).toMatchObject({ statusCode: 403, code: 'edit_window_expired' });
      expect((await react(bob, sent.id, '👍')).status).toBe(200);
      expect((await remove(alice, sent.id)).status).toBe(200);
    });
  });
});
