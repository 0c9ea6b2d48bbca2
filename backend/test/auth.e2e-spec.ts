import { createDatabase } from '../src/storage/database.factory';
import { loadConfig } from '../src/config/app-config';
import { hashToken } from '../src/auth/auth.service';
import { Api, PASSWORD, registerUser, uniqueName } from './support/api';
import { waitFor } from './support/server';
import { useTestServer } from './support/use-test-server';

describe('accounts and sessions', () => {
  // The default password hash cost, as a real server has (other tests' servers hash cheaply).
  const t = useTestServer({ env: { PASSWORD_HASH_COST: '' } });
  const api = t.api;

  it('registers, then logs in with the same password from a second device', async () => {
    const username = uniqueName('reg');
    const registered = await api.post('/register', { username, password: PASSWORD });
    expect(registered.status).toBe(201);
    expect(registered.body).toEqual({ username, token: expect.any(String), expires_at: expect.any(String) });
    expect(Buffer.from(registered.body.token, 'base64url').length).toBeGreaterThanOrEqual(16);

    const login = await api.post('/login', { username, password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.token).not.toBe(registered.body.token);

    // Both sessions work at once.
    expect((await api.as(registered.body.token).get('/rooms')).status).toBe(200);
    expect((await api.as(login.body.token).get('/rooms')).status).toBe(200);
  });

  it('refuses a name taken in another case, and names that look like rooms', async () => {
    const username = uniqueName('Case');
    expect((await api.post('/register', { username, password: PASSWORD })).status).toBe(201);
    const again = await api.post('/register', { username: username.toUpperCase(), password: PASSWORD });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'username_taken', field: 'username' });

    const roomLike = await api.post('/register', { username: 'room_7', password: PASSWORD });
    expect(roomLike.status).toBe(400);
    expect(roomLike.body.field).toBe('username');
    expect((await api.post('/register', { username: 'Server', password: PASSWORD })).status).toBe(400);
  });

  it.each([
    [{ username: 'ab', password: PASSWORD }, 'username'],
    [{ username: 'a'.repeat(33), password: PASSWORD }, 'username'],
    [{ username: 'bad name', password: PASSWORD }, 'username'],
    [{ username: 'fine_name', password: 'short' }, 'password'],
    [{ username: 'fine_name', password: 'x'.repeat(129) }, 'password'],
    [{ username: 'fine_name' }, 'password'],
    [{ username: 42, password: PASSWORD }, 'username'],
    [{ username: 'fine_name', password: PASSWORD, admin: true }, 'admin'],
  ])('rejects registration %j naming the field', async (body, field) => {
    const response = await api.post('/register', body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, code: 'validation_failed', field });
  });

  it('answers a wrong password and an unknown user the same way', async () => {
    const user = await registerUser(api);
    const wrong = await api.post('/login', { username: user.username, password: 'not the password' });
    const unknown = await api.post('/login', { username: uniqueName('ghost'), password: PASSWORD });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('logs in ignoring the case of the name and answers with the registered spelling', async () => {
    const username = uniqueName('Mixed');
    await api.post('/register', { username, password: PASSWORD });
    const login = await api.post('/login', { username: username.toLowerCase(), password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.username).toBe(username);
  });

  it('revokes only the token that logs out', async () => {
    const user = await registerUser(api);
    const other = await api.post('/login', { username: user.username, password: PASSWORD });
    expect((await user.post('/logout')).status).toBe(200);
    const after = await user.get('/rooms');
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('unauthenticated');
    expect((await api.as(other.body.token).get('/rooms')).status).toBe(200);
  });

  it('answers the polls waiting on a session 401 when it signs out, and gives it nothing more', async () => {
    const [user, sender] = await Promise.all([registerUser(api), registerUser(api)]);
    const other = api.as((await api.post('/login', { username: user.username, password: PASSWORD })).body.token);
    const { last_id } = await user.messages(0, '&limit=1000');
    const waitingBefore = await api.waitingPolls();
    const signedOutPoll = user.get(`/messages?last_id=${last_id}&timeout=25`);
    const otherPoll = other.get(`/messages?last_id=${last_id}&timeout=25`);
    await waitFor(async () => (await api.waitingPolls()) >= waitingBefore + 2, { what: 'both polls to wait' });

    expect((await user.post('/logout')).status).toBe(200);
    const answer = await signedOutPoll;
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ statusCode: 401, code: 'unauthenticated', field: 'Authorization', message: expect.any(String) });

    const sent = await sender.send(user.username, 'after the sign-out');
    expect((await otherPoll).body.messages).toEqual([sent]);
    expect((await user.get(`/messages?last_id=${last_id}`)).status).toBe(401);
  });

  it("refuses logout naming another user", async () => {
    const user = await registerUser(api);
    const response = await user.post('/logout', { username: 'somebody_else' });
    expect(response.status).toBe(403);
    expect(response.body.field).toBe('username');
    expect((await user.get('/rooms')).status).toBe(200);
  });

  it('rejects missing, malformed and expired tokens', async () => {
    expect((await api.get('/rooms')).status).toBe(401);
    expect((await api.as('not-a-token').get('/rooms')).status).toBe(401);

    const user = await registerUser(api);
    const db = createDatabase(loadConfig({ DATABASE_URL: t.database.url }).database);
    try {
      await db
        .updateTable('sessions')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('token_hash', '=', hashToken(user.token!))
        .execute();
    } finally {
      await db.destroy();
    }
    // The server may have the session cached; a restart forgets the cache, not the expiry.
    await t.server.stop();
    await t.restart();
    const response = await new Api(t.server.url, user.token).get('/rooms');
    expect(response.status).toBe(401);
    expect(response.body.message).toMatch(/expired/);
  });

  it('stores tokens only as hashes', async () => {
    const user = await registerUser(api);
    const db = createDatabase(loadConfig({ DATABASE_URL: t.database.url }).database);
    try {
      const rows = await db.selectFrom('sessions').select('token_hash').execute();
      expect(rows.map((row) => row.token_hash)).not.toContain(user.token);
      expect(rows.map((row) => row.token_hash)).toContain(hashToken(user.token!));
      const users = await db.selectFrom('users').select('password_hash').execute();
      for (const row of users) expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    } finally {
      await db.destroy();
    }
  });
});
