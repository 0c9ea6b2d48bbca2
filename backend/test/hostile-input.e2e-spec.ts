import { LIMITS } from '@chatroom/shared';
import type { Json, TestUser } from './support/api';
import { useTestServer } from './support/use-test-server';

/**
 * Inputs that once made the server answer 500 (or store something it could not deliver). Each is
 * refused with a 400 naming the field, the same on SQLite and PostgreSQL, and nothing is stored.
 */
describe('hostile input', () => {
  const t = useTestServer({ env: { ADMIN_USERS: 'hostile_admin' } });
  const [alice, bob] = t.users('alice', 'bob');
  const admin = t.user('hostile_admin', { exactName: true });

  /** Everything alice can see: refused requests must leave it as it was. */
  const visibleTo = async (user: TestUser) => (await user.messages(0, '&limit=1000')).messages.length;
  const roomsOf = async (user: TestUser) => (await user.get('/rooms')).body.rooms.length as number;

  const expectRefused = (response: { status: number; body: Json }, field: string) => {
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, code: 'validation_failed', field, message: expect.any(String) });
  };

  describe('JSON null in the old API fields naming the acting user', () => {
    it('refuses null as the wrong type, naming the field, and acts on nothing', async () => {
      const before = await visibleTo(alice);
      expectRefused(await alice.post('/send', { recipient: bob.username, message: 'hi', sender: null }), 'sender');
      expectRefused(await alice.post('/send', { recipient: bob.username, message: 'hi', client_id: null }), 'client_id');
      expectRefused(await alice.post('/create_room', { participants: [bob.username], admin: null }), 'admin');
      expect(await visibleTo(alice)).toBe(before);
      expect(await roomsOf(alice)).toBe(0);

      const room = (await alice.post('/create_room', { participants: [bob.username] })).body;
      expectRefused(await bob.post('/leave_room', { room_id: room.room_id, username: null }), 'username');
      expect((await bob.get('/rooms')).body.rooms).toEqual([expect.objectContaining({ room_id: room.room_id })]);
    });

    it('refuses {"username": null} in /logout and keeps the session', async () => {
      const signedIn = (await t.api.post('/login', { username: alice.username, password: 'correct horse battery' })).body.token;
      const session = alice.as(signedIn);
      expectRefused(await session.post('/logout', { username: null }), 'username');
      expect((await session.get('/rooms')).status).toBe(200);
      expect((await session.post('/logout', {})).status).toBe(200);
      expect((await session.get('/rooms')).status).toBe(401);
    });
  });

  describe('deeply nested bodies', () => {
    const nested = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

    it.each([
      ['/send', (deep: string) => `{"recipient":"x","message":"x","extra":${deep}}`, 'extra'],
      ['/send', (deep: string) => `{"recipient":${deep},"message":"x"}`, 'recipient'],
      ['/create_room', (deep: string) => `{"participants":${deep}}`, 'participants'],
      ['/read', (deep: string) => `{"conversation":"x","last_read_id":${deep}}`, 'last_read_id'],
      ['/register', (deep: string) => `{"username":${deep},"password":"x"}`, 'username'],
    ])('answers 400 to %s nested 2000 levels deep, naming the field', async (path, body, field) => {
      const raw = body(nested(2000));
      expect(raw.length).toBeLessThan(5000);
      expectRefused(await alice.request('POST', path, undefined, { raw }), field);
    });

    it('still takes the nesting its fields need', async () => {
      expect((await alice.post('/create_room', { participants: [bob.username], name: 'Nested enough' })).status).toBe(201);
      expect((await t.api.get('/health')).status).toBe(200);
    });
  });

  describe('prototype keys', () => {
    it('refuses __proto__, constructor, valueOf and the like as any unknown field, in bodies and queries', async () => {
      const before = await visibleTo(alice);
      for (const key of ['__proto__', 'constructor', 'prototype', 'valueOf', 'toString', 'hasOwnProperty']) {
        const raw = `{"${key}":{"recipient":"${bob.username}"},"recipient":"${bob.username}","message":"x"}`;
        expectRefused(await alice.request('POST', '/send', undefined, { raw }), key);
        expectRefused(await alice.request('POST', '/create_room', undefined, { raw: `{"participants":["${bob.username}"],"${key}":1}` }), key);
        expectRefused(await alice.get(`/messages?${key}=1`), key);
        expectRefused(await alice.get(`/history?with=${bob.username}&${key}=1`), key);
      }
      expect(await visibleTo(alice)).toBe(before);
      const read = await bob.post('/read', { conversation: alice.username, last_read_id: 1, valueOf: { a: 1 } });
      expectRefused(read, 'valueOf');
    });
  });

  describe('the /send fast path decodes bodies like every other route', () => {
    it('refuses a body in another charset than declared, as the general path does', async () => {
      const before = await visibleTo(alice);
      const raw = JSON.stringify({ recipient: bob.username, message: 'declared UTF-16, sent as UTF-8' });
      for (const contentType of ['application/json; charset=utf-16', 'application/json; charset=latin1']) {
        const answer = await alice.request('POST', '/send', undefined, { raw, headers: { 'content-type': contentType } });
        // Decoded as declared and then not JSON (400), or a charset it does not read (415).
        expect([400, 415]).toContain(answer.status);
        expect(answer.body).toMatchObject({
          statusCode: answer.status,
          code: answer.status === 415 ? 'unsupported_media_type' : 'invalid_json',
          message: expect.any(String),
        });
      }
      expect((await alice.request('POST', '/send', undefined, { raw, headers: { 'content-type': 'application/json; charset=UTF-8' } })).status).toBe(201);
      expect(await visibleTo(alice)).toBe(before + 1);
    });
  });

  describe('numbers', () => {
    it('refuses objects, strings and fractions where a number belongs, without calling into them', async () => {
      const sent = await alice.send(bob.username, 'to be read');
      for (const last_read_id of [{ toString: 1 }, { valueOf: 'x' }, '5', [5], 1.5, -1, true]) {
        expectRefused(await bob.post('/read', { conversation: alice.username, last_read_id }), 'last_read_id');
      }
      expect((await bob.post('/read', { conversation: alice.username, last_read_id: sent.id })).body.last_read_id).toBe(sent.id);
    });

    it('refuses query parameters that are not plain whole numbers', async () => {
      for (const query of ['last_id=1e3', 'last_id=-1', 'last_id=1.5', 'last_id=1&last_id=2', 'last_id[toString]=1', 'timeout=', 'limit=0x10']) {
        const response = await alice.get(`/messages?${query}`);
        expectRefused(response, query.split('=')[0]!);
      }
      expectRefused(await alice.get(`/history?with=${bob.username}&before[toString]=1`), 'before[toString]');
      expectRefused(await alice.get(`/history?with=${bob.username}&before=2&before=3`), 'before');
    });
  });

  describe('ids beyond what the columns hold', () => {
    it('refuses message ids above the largest safe id, in queries and bodies', async () => {
      const tooBig = ['9007199254740992', '99999999999999999999', '1e21'];
      for (const id of tooBig) {
        expectRefused(await alice.get(`/messages?last_id=${id}`), 'last_id');
        expectRefused(await alice.get(`/history?with=${bob.username}&before=${id}`), 'before');
      }
      for (const id of [2 ** 53, 1e21, 2 ** 63, Number.MAX_VALUE]) {
        expectRefused(await alice.post('/read', { conversation: bob.username, last_read_id: id }), 'last_read_id');
      }
      // (Read receipts of this test may ride along as `ephemeral`: they are not timeline entries.)
      expect((await alice.get(`/messages?last_id=${LIMITS.idMax}`)).body).toMatchObject({ messages: [], last_id: LIMITS.idMax });
      expect((await alice.get(`/history?with=${bob.username}&before=${LIMITS.idMax}`)).status).toBe(200);
    });

    it('answers a room id beyond the room counter like any unknown room (404), on every room route', async () => {
      const before = await visibleTo(alice);
      for (const room of ['room_2147483648', 'room_99999999999999999999', 'room_0']) {
        const answers = [
          await alice.post('/send', { recipient: room, message: 'hi' }),
          await alice.get(`/history?with=${room}`),
          await alice.post('/read', { conversation: room, last_read_id: 1 }),
          await alice.post('/leave_room', { room_id: room }),
          await alice.post(`/rooms/${room}/members`, { username: bob.username }),
          await alice.request('DELETE', `/rooms/${room}/members/${bob.username}`),
          await alice.request('PATCH', `/rooms/${room}`, { name: 'x' }),
        ];
        for (const answer of answers) {
          expect([403, 404]).toContain(answer.status);
          expect(answer.body).toMatchObject({ statusCode: answer.status, code: expect.any(String), message: expect.any(String) });
        }
        expect(answers[0]!.status).toBe(404);
        expect(answers[3]!.status).toBe(404);
        expect(answers[6]!.status).toBe(404);
      }
      expect(await visibleTo(alice)).toBe(before);
    });
  });

  describe('NUL characters and unpaired surrogates', () => {
    const nul = 'a\u0000b';

    it.each([
      ['POST', '/send', 'message', () => ({ recipient: bob.username, message: nul })],
      ['POST', '/send', 'recipient', () => ({ recipient: nul, message: 'hi' })],
      ['POST', '/send', 'client_id', () => ({ recipient: bob.username, message: 'hi', client_id: nul })],
      ['POST', '/send', 'message', () => ({ recipient: bob.username, message: 'lone \ud800 surrogate' })],
      ['POST', '/send', 'sender', () => ({ recipient: bob.username, message: 'hi', sender: nul })],
      ['POST', '/create_room', 'name', () => ({ participants: [bob.username], name: nul })],
      ['POST', '/create_room', 'participants', () => ({ participants: [nul] })],
      ['POST', '/leave_room', 'room_id', () => ({ room_id: `room_1${nul}` })],
      ['POST', '/rooms/room_1/members', 'username', () => ({ username: nul })],
      ['PATCH', '/rooms/room_1', 'name', () => ({ name: nul })],
      ['POST', '/read', 'conversation', () => ({ conversation: nul, last_read_id: 1 })],
      ['POST', '/logout', 'username', () => ({ username: nul })],
    ])('%s %s refuses it in %s, naming the field', async (method, path, field, body) => {
      const before = await visibleTo(alice);
      expectRefused(await alice.request(method, path, body()), field);
      expect(await visibleTo(alice)).toBe(before);
    });

    it('refuses NUL in query and path parameters', async () => {
      expectRefused(await alice.get('/history?with=a%00b'), 'with');
      expectRefused(await alice.get('/messages?username=a%00b'), 'username');
      expectRefused(await alice.request('DELETE', '/rooms/room_1/members/a%00b'), 'username');
    });

    it('refuses NUL in credentials', async () => {
      expectRefused(await t.api.post('/login', { username: nul, password: 'correct horse battery' }), 'username');
      expectRefused(await t.api.post('/login', { username: alice.username, password: `correct horse${nul}` }), 'password');
      expectRefused(await t.api.post('/register', { username: 'fine_name', password: `correct horse${nul}` }), 'password');
    });

    it('refuses an announcement with NUL instead of accepting one it can never deliver', async () => {
      const current = (await t.api.get('/announcement')).body;
      expectRefused(await admin.post('/announcement', { text: `Maintenance${nul}` }), 'text');
      expect((await t.api.get('/announcement')).body).toEqual(current);
    });
  });
});
