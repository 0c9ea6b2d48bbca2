import { Api, Json, PASSWORD, registerUser, TestUser, uniqueName } from './support/api';
import { withDatabase } from './support/database';
import { waitFor } from './support/server';
import { TestServerFixture, useTestServer } from './support/use-test-server';

const NEW_PASSWORD = 'a brand new password';

/** A second session of `user`'s, as from another browser. */
async function signIn(t: TestServerFixture, user: TestUser, password = PASSWORD, userAgent?: string): Promise<Api> {
  const answer = await t.api.request('POST', '/login', { username: user.username, password }, { headers: userAgent ? { 'user-agent': userAgent } : {} });
  expect(answer.status).toBe(200);
  return user.as(answer.body.token);
}

/** Starts a long-poll for `client` and waits until the server holds it; `answer` is the poll's answer to come. */
async function waitingPoll(t: TestServerFixture, client: Api): Promise<{ answer: Promise<{ status: number }> }> {
  const before = await t.api.waitingPolls();
  const { last_id } = await client.messages(0, '&limit=1000');
  const answer = client.get(`/messages?last_id=${last_id}&timeout=25`);
  await waitFor(async () => (await t.api.waitingPolls()) > before, { what: 'the poll to wait' });
  return { answer };
}

describe('accounts people manage themselves', () => {
  const t = useTestServer();

  describe('POST /me/password', () => {
    it('sets the new password and ends every other session, waiting polls included; this one stays', async () => {
      const user = await registerUser(t.api);
      const other = await signIn(t, user);
      const otherPoll = await waitingPoll(t, other);

      const answer = await user.post('/me/password', { current_password: PASSWORD, new_password: NEW_PASSWORD });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ ok: true });

      expect((await otherPoll.answer).status).toBe(401);
      expect((await other.get('/rooms')).status).toBe(401);
      expect((await user.get('/rooms')).status).toBe(200);
      expect((await t.api.post('/login', { username: user.username, password: PASSWORD })).status).toBe(401);
      expect((await t.api.post('/login', { username: user.username.toUpperCase(), password: NEW_PASSWORD })).status).toBe(200);
    });

    it('refuses a wrong current password with 403 wrong_password and changes nothing', async () => {
      const user = await registerUser(t.api);
      const other = await signIn(t, user);
      const answer = await user.post('/me/password', { current_password: 'not my password', new_password: NEW_PASSWORD });
      expect(answer.status).toBe(403);
      expect(answer.body).toMatchObject({ statusCode: 403, code: 'wrong_password', field: 'current_password' });
      expect((await other.get('/rooms')).status).toBe(200);
      expect((await t.api.post('/login', { username: user.username, password: PASSWORD })).status).toBe(200);
    });

    it.each([
      [{ current_password: PASSWORD, new_password: 'short' }, 'new_password'],
      [{ current_password: PASSWORD, new_password: 'x'.repeat(129) }, 'new_password'],
      [{ current_password: PASSWORD }, 'new_password'],
      [{ new_password: NEW_PASSWORD }, 'current_password'],
      [{ current_password: PASSWORD, new_password: NEW_PASSWORD, username: 'someone' }, 'username'],
    ])('refuses %j naming the field', async (body, field) => {
      const user = await registerUser(t.api);
      const answer = await user.post('/me/password', body);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ code: 'validation_failed', field });
    });
  });

  describe('GET and DELETE /me/sessions', () => {
    it("lists the caller's sessions with their browser, marking the current one", async () => {
      const user = await registerUser(t.api);
      const laptop = await signIn(t, user, PASSWORD, 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0');
      await registerUser(t.api);

      const answer = await laptop.get('/me/sessions');
      expect(answer.status).toBe(200);
      const sessions: Json[] = answer.body.sessions;
      expect(sessions).toHaveLength(2);
      for (const session of sessions) {
        expect(session).toEqual({ id: expect.stringMatching(/^[0-9a-f]{32}$/), created_at: expect.any(String), last_seen_at: expect.any(String), user_agent: expect.any(String), current: expect.any(Boolean) });
        expect(Date.parse(session.last_seen_at)).toBeGreaterThanOrEqual(Date.parse(session.created_at));
      }
      expect(sessions.filter((session) => session.current).map((session) => session.user_agent)).toEqual(['Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0']);
      expect((await user.get('/me/sessions')).body.sessions.filter((session: Json) => session.current)).toHaveLength(1);
    });

    it('signs one session out at once, its waiting poll too, and leaves the others', async () => {
      const user = await registerUser(t.api);
      const phone = await signIn(t, user, PASSWORD, 'phone');
      const phonePoll = await waitingPoll(t, phone);
      const phoneId = (await user.get('/me/sessions')).body.sessions.find((session: Json) => session.user_agent === 'phone').id;

      expect((await user.request('DELETE', `/me/sessions/${phoneId}`)).body).toEqual({ ok: true });
      expect((await phonePoll.answer).status).toBe(401);
      expect((await phone.get('/rooms')).status).toBe(401);
      expect((await user.get('/rooms')).status).toBe(200);
      expect((await user.get('/me/sessions')).body.sessions.map((session: Json) => session.id)).not.toContain(phoneId);

      const again = await user.request('DELETE', `/me/sessions/${phoneId}`);
      expect(again.status).toBe(404);
      expect(again.body).toMatchObject({ code: 'not_found', field: 'id' });
    });

    it("cannot touch another user's session, and refuses what is not a session id", async () => {
      const [user, stranger] = await Promise.all([registerUser(t.api), registerUser(t.api)]);
      const strangerId = (await stranger.get('/me/sessions')).body.sessions[0].id;
      expect((await user.request('DELETE', `/me/sessions/${strangerId}`)).status).toBe(404);
      expect((await stranger.get('/rooms')).status).toBe(200);
      expect((await user.request('DELETE', '/me/sessions/not-a-session')).status).toBe(400);
      expect((await user.request('DELETE', `/me/sessions/${strangerId.toUpperCase()}`)).status).toBe(400);
    });

    it('ends the current session too when asked, as logout does', async () => {
      const user = await registerUser(t.api);
      const ownId = (await user.get('/me/sessions')).body.sessions[0].id;
      expect((await user.request('DELETE', `/me/sessions/${ownId}`)).status).toBe(200);
      expect((await user.get('/rooms')).status).toBe(401);
    });
  });

  describe('GET /me/export', () => {
    it('streams a JSON file of the account, its rooms, its DMs and the room messages of its membership stretches only', async () => {
      const [alice, bob, carol] = await Promise.all([registerUser(t.api, 'alice'), registerUser(t.api, 'bob'), registerUser(t.api, 'carol')]);
      const room = (await bob.post('/create_room', { participants: [alice.username], name: 'Export' })).body;
      await alice.send(bob.username, 'dm to bob');
      await bob.send(carol.username, 'not for alice');
      await bob.send(room.room_id, 'while alice is in');
      expect((await alice.post('/leave_room', { room_id: room.room_id })).status).toBe(200);
      await bob.send(room.room_id, 'while alice is out');
      expect((await bob.post(`/rooms/${room.room_id}/members`, { username: alice.username })).status).toBe(200);
      await bob.send(room.room_id, 'alice is back');

      const response = await fetch(`${t.server.url}/me/export`, { headers: { authorization: `Bearer ${alice.token}` } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="chatroom-${alice.username}.json"`);
      expect(response.headers.get('transfer-encoding')).toBe('chunked');
      const exported: Json = await response.json();

      expect(exported.account).toEqual({ username: alice.username, created_at: expect.any(String) });
      expect(Date.parse(exported.exported_at)).toBeGreaterThan(0);
      expect(exported.rooms).toEqual([{ room_id: room.room_id, name: 'Export', admin: bob.username, participants: [bob.username, alice.username] }]);
      const texts = (id: string) => exported.conversations.find((conversation: Json) => conversation.id === id).messages.map((message: Json) => message.message);
      expect(exported.conversations.map((conversation: Json) => [conversation.id, conversation.type])).toEqual([
        [bob.username, 'dm'],
        [room.room_id, 'room'],
      ]);
      expect(texts(bob.username)).toEqual(['dm to bob']);
      const roomTexts = texts(room.room_id);
      expect(roomTexts).toEqual(expect.arrayContaining(['while alice is in', 'alice is back']));
      expect(roomTexts).not.toContain('while alice is out');
      expect(JSON.stringify(exported)).not.toContain('not for alice');
    });

    it('pages through a long history in order, every message once', async () => {
      const [writer, reader] = await Promise.all([registerUser(t.api, 'writer'), registerUser(t.api, 'reader')]);
      const sent: number[] = [];
      for (let batch = 0; batch < 12; batch++) {
        const messages = await Promise.all(Array.from({ length: 100 }, (_, i) => writer.send(reader.username, `m${batch * 100 + i}`)));
        sent.push(...messages.map((message) => message.id));
      }
      const exported = (await reader.get('/me/export')).body;
      const ids = exported.conversations[0].messages.map((message: Json) => message.id);
      expect(ids).toEqual([...sent].sort((a, b) => a - b));
    });

    it('needs a session', async () => {
      expect((await t.api.get('/me/export')).status).toBe(401);
    });
  });

  describe('DELETE /me', () => {
    it('refuses a wrong password with 403 wrong_password and deletes nothing', async () => {
      const user = await registerUser(t.api);
      const answer = await user.request('DELETE', '/me', { password: 'not my password', erase: true });
      expect(answer.status).toBe(403);
      expect(answer.body).toMatchObject({ code: 'wrong_password', field: 'password' });
      expect((await user.get('/rooms')).status).toBe(200);
    });

    it('refuses a body that is not {password, erase?}', async () => {
      const user = await registerUser(t.api);
      for (const body of [{}, { password: PASSWORD, erase: 'yes' }, { password: PASSWORD, erase: null }, { password: 5 }]) {
        expect((await user.request('DELETE', '/me', body)).status).toBe(400);
      }
      expect((await user.get('/rooms')).status).toBe(200);
    });

    it('ends every session, keeps the name taken, hands the rooms on and keeps the messages', async () => {
      const [leaver, heir, friend] = await Promise.all([registerUser(t.api, 'leaver'), registerUser(t.api, 'heir'), registerUser(t.api, 'friend')]);
      // The heir joined first: the longest-standing member after the admin.
      const room = (await leaver.post('/create_room', { participants: [heir.username] })).body;
      expect((await leaver.post(`/rooms/${room.room_id}/members`, { username: friend.username })).status).toBe(200);
      await leaver.send(friend.username, 'keep this');
      const other = await signIn(t, leaver);
      const otherPoll = await waitingPoll(t, other);

      const answer = await leaver.request('DELETE', '/me', { password: PASSWORD });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ ok: true });

      expect((await otherPoll.answer).status).toBe(401);
      expect((await leaver.get('/rooms')).status).toBe(401);
      const login = await t.api.post('/login', { username: leaver.username, password: PASSWORD });
      const unknown = await t.api.post('/login', { username: uniqueName('ghost'), password: PASSWORD });
      expect(login.status).toBe(401);
      expect(login.body).toEqual(unknown.body);
      const again = await t.api.post('/register', { username: leaver.username.toUpperCase(), password: PASSWORD });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('username_taken');

      const rooms = (await heir.get('/rooms')).body.rooms;
      expect(rooms).toEqual([{ room_id: room.room_id, name: room.name, admin: heir.username, participants: [heir.username, friend.username] }]);
      const events = (await heir.get(`/history?with=${room.room_id}`)).body.messages.map((message: Json) => message.message);
      expect(events.at(-1)).toBe(`${leaver.username} left: the account was deleted; ${heir.username} is now the admin`);
      expect((await friend.get(`/history?with=${leaver.username}`)).body.messages.map((message: Json) => message.message)).toEqual(['keep this']);
    });

    it('with erase, empties the text of every message the account sent, and only those', async () => {
      const [eraser, friend] = await Promise.all([registerUser(t.api, 'eraser'), registerUser(t.api, 'friend')]);
      const room = (await friend.post('/create_room', { participants: [eraser.username] })).body;
      const file = await eraser.uploaded('erase-this.txt', 'erase this file');
      const dm = await eraser.send(friend.username, 'erase this DM', { attachments: [file.upload_id] });
      const inRoom = await eraser.send(room.room_id, 'erase this room message');
      const reply = await friend.send(eraser.username, 'my reply stays');
      expect((await eraser.request('PATCH', `/messages/${dm.id}`, { message: 'erase this edit too' })).status).toBe(200);

      expect((await eraser.request('DELETE', '/me', { password: PASSWORD, erase: true })).status).toBe(200);

      const history = (await friend.get(`/history?with=${eraser.username}`)).body.messages;
      expect(history.map((message: Json) => [message.id, message.sender, message.message])).toEqual([
        [dm.id, eraser.username, ''],
        [reply.id, friend.username, 'my reply stays'],
      ]);
      // Tombstones, as a delete leaves them: marked deleted, and no earlier text kept either.
      expect(history[0]).toMatchObject({ deleted: true, message: '', attachments: [] });
      expect((await friend.get(`/uploads/${file.upload_id}/erase-this.txt`)).status).toBe(404);
      const stored = () => withDatabase(t.database.url, (db) => db.selectFrom('uploads').select('id').where('id', '=', file.upload_id).execute());
      await waitFor(async () => (await stored()).length === 0, { what: 'the erased message\'s file removed' });
      expect((await friend.get(`/messages/${dm.id}/revisions`)).body).toMatchObject({ code: 'message_deleted' });
      const roomMessages = (await friend.get(`/history?with=${room.room_id}`)).body.messages;
      expect(roomMessages.find((message: Json) => message.id === inRoom.id).message).toBe('');
      const polled = (await friend.messages(0, '&limit=1000')).messages;
      expect(JSON.stringify(polled)).not.toContain('erase this');
      expect(JSON.stringify(polled)).toContain('my reply stays');
    });
  });
});

describe('wrong passwords on account changes count as failed logins', () => {
  const t = useTestServer({ env: { RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_PER_MINUTE: '3', RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS_PER_MINUTE: '1000' } });
  const [user] = t.users('guessed');

  it('refuses the account with 429 once logins and confirmations together failed too often', async () => {
    expect((await t.api.post('/login', { username: user.username, password: 'guess one' })).status).toBe(401);
    expect((await user.post('/me/password', { current_password: 'guess two', new_password: NEW_PASSWORD })).status).toBe(403);
    const limited = await user.request('DELETE', '/me', { password: 'guess three' });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await user.post('/me/password', { current_password: PASSWORD, new_password: NEW_PASSWORD })).status).toBe(429);
    expect((await t.api.post('/login', { username: user.username, password: PASSWORD })).status).toBe(429);
    expect((await user.get('/rooms')).status).toBe(200);
  });
});
