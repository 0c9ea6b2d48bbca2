import { Json, PASSWORD, uniqueName } from './support/api';
import { useTestServer } from './support/use-test-server';

/** Every test request comes from 127.0.0.1: one address, as for everyone behind one office NAT. */
describe('failed logins are limited per account and per address', () => {
  const expectLimited = (response: { status: number; body: Json; headers: Headers }) => {
    expect(response.status).toBe(429);
    expect(response.body).toMatchObject({ statusCode: 429, code: 'rate_limited', message: expect.any(String) });
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  };

  describe('per account', () => {
    const t = useTestServer({
      env: { RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_PER_MINUTE: '3', RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS_PER_MINUTE: '1000' },
    });
    const [victim, colleague, target] = t.users('victim', 'colleague', 'target');
    const login = (username: string, password: string) => t.api.post('/login', { username, password });

    it('refuses an account that failed too often, even with its password, and nobody else at the address', async () => {
      expect((await login(victim.username, 'guess one')).status).toBe(401);
      expect((await login(victim.username, 'guess two')).status).toBe(401);
      expectLimited(await login(victim.username, 'guess three'));
      expectLimited(await login(victim.username, PASSWORD));
      expectLimited(await login(victim.username.toUpperCase(), PASSWORD));

      // Same address, another account: not affected, and successful logins never count.
      for (let i = 0; i < 5; i++) expect((await login(colleague.username, PASSWORD)).status).toBe(200);
      // The victim's open session keeps working.
      expect((await victim.get('/rooms')).status).toBe(200);
    });

    it('does not let guesses sent all at once overshoot the limit', async () => {
      const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => login(target.username, `wrong ${i}`)));
      const checked = answers.filter((answer) => answer.status === 401).length;
      expect(checked).toBeLessThanOrEqual(2);
      expect(answers.every((answer) => answer.status === 401 || answer.status === 429)).toBe(true);
      expectLimited(await login(target.username, PASSWORD));
    });

    it('counts unknown accounts the same way, so their existence is not revealed', async () => {
      const ghost = uniqueName('ghost');
      expect((await login(ghost, 'x')).status).toBe(401);
      expect((await login(ghost, 'y')).status).toBe(401);
      expectLimited(await login(ghost, 'z'));
    });
  });

  describe('per address', () => {
    const t = useTestServer({
      env: { RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_PER_MINUTE: '1000', RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS_PER_MINUTE: '4' },
    });
    const [user] = t.users('user');

    it('refuses an address whose failures, spread over accounts, reached its limit', async () => {
      for (let i = 0; i < 3; i++) expect((await t.api.post('/login', { username: uniqueName('spray'), password: PASSWORD })).status).toBe(401);
      expectLimited(await t.api.post('/login', { username: uniqueName('spray'), password: PASSWORD }));
      expectLimited(await t.api.post('/login', { username: user.username, password: PASSWORD }));
      // Registration has its own budget (RATE_LIMIT_AUTH_PER_MINUTE).
      expect((await t.api.post('/register', { username: uniqueName('newcomer'), password: PASSWORD })).status).toBe(201);
    });
  });
});
