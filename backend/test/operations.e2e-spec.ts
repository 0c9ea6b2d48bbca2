import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Api, PASSWORD, registerUser, uniqueName } from './support/api';
import { freePort, waitFor } from './support/server';
import { useTestServer } from './support/use-test-server';

const MAIN = path.resolve(__dirname, '../dist/main.js');

describe('running the server', () => {
  describe('one server', () => {
    const t = useTestServer({ env: { CORS_ORIGINS: 'https://chat.example.com' } });

    it('reports health with the database checked', async () => {
      const response = await t.api.get('/health');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'ok', details: { database: { status: 'up' } } });
    });

    it('serves the OpenAPI document and Swagger UI at /docs', async () => {
      const ui = await fetch(`${t.server.url}/docs`);
      expect(ui.status).toBe(200);
      expect(await ui.text()).toContain('swagger');
      const spec = await t.api.get('/docs-json');
      expect(Object.keys(spec.body.paths)).toEqual(expect.arrayContaining(['/send', '/messages', '/create_room', '/conversations']));
      expect(JSON.stringify(spec.body.components.schemas.SendMessageDto)).toContain('client_id');
    });

    it('sends security headers and allows only configured and extension origins', async () => {
      const response = await fetch(`${t.server.url}/announcement`, { headers: { origin: 'https://chat.example.com' } });
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('access-control-allow-origin')).toBe('https://chat.example.com');
      const extension = await fetch(`${t.server.url}/announcement`, { headers: { origin: 'chrome-extension://abcdefghijklmnop' } });
      expect(extension.headers.get('access-control-allow-origin')).toBe('chrome-extension://abcdefghijklmnop');
      const stranger = await fetch(`${t.server.url}/announcement`, { headers: { origin: 'https://evil.example' } });
      expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('lists users seen in the last minute or waiting in a long-poll, sorted', async () => {
      const [zed, amy] = await Promise.all([registerUser(t.api, 'zed'), registerUser(t.api, 'amy')]);
      const waiting = zed.messages(0, '&timeout=3');
      await waitFor(async () => (await amy.waitingPolls()) >= 1, { what: "zed's poll to wait" });
      const online = (await amy.get('/online')).body.users as string[];
      expect(online).toEqual(expect.arrayContaining([zed.username, amy.username]));
      expect(online).toEqual([...online].sort((a, b) => a.localeCompare(b)));
      await waiting;
    });

    it('answers 404 in JSON for unknown paths', async () => {
      const user = await registerUser(t.api);
      const response = await user.get('/no/such/path');
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ statusCode: 404, code: 'not_found' });
    });
  });

  describe('rate limits', () => {
    const t = useTestServer({ env: { RATE_LIMIT_AUTH_PER_MINUTE: '3', RATE_LIMIT_SEND_PER_MINUTE: '5' } });

    it('limits registrations per address and sends per user, with 429 and Retry-After', async () => {
      const username = uniqueName('limited');
      expect((await t.api.post('/register', { username, password: PASSWORD })).status).toBe(201);
      expect((await t.api.post('/register', { username: uniqueName('limited'), password: PASSWORD })).status).toBe(201);
      expect((await t.api.post('/register', { username: uniqueName('limited'), password: PASSWORD })).status).toBe(201);
      const limited = await t.api.post('/register', { username: uniqueName('limited'), password: PASSWORD });
      expect(limited.status).toBe(429);
      expect(limited.body.code).toBe('rate_limited');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

      // Logins are limited by their failures only (login-limits.e2e-spec.ts).
      const token = (await t.api.post('/login', { username, password: PASSWORD })).body.token;
      const user = new Api(t.server.url, token);
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await user.post('/send', { recipient: username, message: `n${i}` })).status);
      expect(statuses.slice(0, 5)).toEqual([201, 201, 201, 201, 201]);
      expect(statuses.slice(5)).toEqual([429, 429]);
      // Reading is not limited by sending.
      expect((await user.get('/rooms')).status).toBe(200);
    });
  });

  describe('durability and shutdown', () => {
    const t = useTestServer();

    it('keeps users, tokens, rooms, messages and read markers across a restart', async () => {
      const [alice, bob] = await Promise.all([registerUser(t.api, 'alice'), registerUser(t.api, 'bob')]);
      const room = (await alice.post('/create_room', { participants: [bob.username], name: 'Kept' })).body;
      const dm = await alice.send(bob.username, 'kept dm');
      await alice.send(room.room_id, 'kept room message');
      await bob.post('/read', { conversation: alice.username, last_read_id: dm.id });

      expect(await t.server.stop()).toBe(0);
      await t.restart();

      const bobAgain = new Api(t.server.url, bob.token);
      expect((await bobAgain.messages(0)).messages.map((m) => m.message)).toEqual(
        expect.arrayContaining(['kept dm', 'kept room message']),
      );
      expect((await bobAgain.get('/rooms')).body.rooms).toEqual([expect.objectContaining({ room_id: room.room_id, name: 'Kept' })]);
      expect((await bobAgain.get('/unread')).body).toEqual({ total: 1, badge: 1, conversations: { [room.room_id]: 1 }, mentions: {} });
      expect((await t.api.post('/login', { username: alice.username, password: PASSWORD })).status).toBe(200);
    });

    it('keeps every acknowledged message when killed with SIGKILL', async () => {
      const [alice, bob] = await Promise.all([registerUser(t.api, 'alice'), registerUser(t.api, 'bob')]);
      const acknowledged: number[] = [];
      const sending = (async () => {
        for (let i = 0; ; i++) {
          const response = await alice.post('/send', { recipient: bob.username, message: `m${i}` }).catch(() => undefined);
          if (!response) return;
          if (response.status === 201) acknowledged.push(response.body.id);
        }
      })();
      await waitFor(() => acknowledged.length >= 20, { what: '20 acknowledged sends' });
      await t.server.kill();
      await sending;
      await t.restart();
      const bobAgain = new Api(t.server.url, bob.token);
      const stored = (await bobAgain.messages(0, '&limit=1000')).messages.map((m) => m.id);
      expect(stored).toEqual(expect.arrayContaining(acknowledged));
    });

    it('answers waiting long-polls and exits 0 on SIGTERM', async () => {
      const user = await registerUser(new Api(t.server.url));
      const { last_id } = await user.messages(0, '&limit=1000');
      const started = Date.now();
      const waiting = user.messages(last_id, '&timeout=25');
      // The poll must be waiting on the server before the signal.
      await waitFor(async () => (await user.waitingPolls()) === 1, { what: 'the poll to wait' });
      const exitCode = t.server.stop();
      const answer = await waiting;
      expect(answer).toEqual({ messages: [], last_id });
      expect(await exitCode).toBe(0);
      expect(Date.now() - started).toBeLessThan(10_000);
      await t.restart();
    });
  });

  describe('configuration', () => {
    it.each([
      [{ PORT: 'eighty' }, 'PORT'],
      [{ PORT: '70000' }, 'PORT'],
      [{ TOKEN_TTL_DAYS: '0' }, 'TOKEN_TTL_DAYS'],
      [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
      [{ DATABASE_URL: 'mysql://localhost/chat' }, 'DATABASE_URL'],
      [{ CORS_ORIGINS: 'not an origin' }, 'CORS_ORIGINS'],
      [{ RATE_LIMIT_SEND_PER_MINUTE: '-3' }, 'RATE_LIMIT_SEND_PER_MINUTE'],
      [{ MAX_UPLOAD_BYTES: '10MB' }, 'MAX_UPLOAD_BYTES'],
      [{ UPLOAD_QUOTA_BYTES_PER_USER: '0' }, 'UPLOAD_QUOTA_BYTES_PER_USER'],
      // Under a file: no directory can be made there (root may write anywhere else).
      [{ UPLOAD_DIR: `${MAIN}/uploads` }, 'UPLOAD_DIR'],
    ])('refuses to start with %j, saying which and why', async (env, name) => {
      const port = await freePort();
      const result = spawnSync(process.execPath, [MAIN], {
        env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: 'sqlite::memory:', ...env },
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('Invalid environment variables');
      expect(result.stderr).toContain(name);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  });
});
