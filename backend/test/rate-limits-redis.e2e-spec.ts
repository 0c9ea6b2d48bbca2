import { randomBytes } from 'node:crypto';
import { PASSWORD, uniqueName } from './support/api';
import { useTestServer } from './support/use-test-server';

/** The Redis the tests use (REDIS_URL), and a key prefix no other run shares. */
const REDIS_URL = process.env.CHATROOM_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = () => `chatroom-test-${randomBytes(6).toString('hex')}:`;

describe('rate limits counted in Redis (REDIS_URL)', () => {
  const t = useTestServer({ env: { REDIS_URL, REDIS_KEY_PREFIX: prefix(), RATE_LIMIT_AUTH_PER_MINUTE: '3' } });
  const register = () => t.api.post('/register', { username: uniqueName('redis'), password: PASSWORD });

  it('keep counting across a restart of the server, where memory would have forgotten', async () => {
    for (let i = 0; i < 3; i++) expect((await register()).status).toBe(201);
    await t.server.stop();
    await t.restart();
    const refused = await register();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('rate limits while Redis cannot be reached', () => {
  const t = useTestServer({ env: { REDIS_URL: 'redis://127.0.0.1:1', REDIS_KEY_PREFIX: prefix() } });
  const [alice, bob] = t.users('alice', 'bob');

  it('let requests through uncounted rather than fail them', async () => {
    expect((await alice.post('/send', { recipient: bob.username, message: 'still works' })).status).toBe(201);
    expect((await t.api.post('/register', { username: uniqueName('redis'), password: PASSWORD })).status).toBe(201);
    expect((await t.api.post('/login', { username: alice.username, password: 'wrong' })).status).toBe(401);
  });
});
