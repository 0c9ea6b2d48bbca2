import type { AuthResponse } from '@chatroom/shared';
import { Api, PASSWORD, TestUser, uniqueName } from './api';
import type { StartOptions } from './server';
import { startTestServer, TestServer } from './test-server';

export interface TestServerFixture extends TestServer {
  /**
   * A user signed in once the server has started: call it in the describe body, use the user in
   * tests. The name is `prefix` made unique, or exactly `prefix` with `exactName` (ADMIN_USERS).
   */
  user(prefix: string, options?: { exactName?: boolean }): TestUser;
  /** Several users at once, one per prefix. */
  users<const Prefixes extends readonly string[]>(...prefixes: Prefixes): { [K in keyof Prefixes]: TestUser };
}

/**
 * The set-up every HTTP e2e file shares: one real server on a fresh database for the describe
 * block (started in beforeAll, stopped and dropped in afterAll) and the users its tests act as.
 *
 *     const t = useTestServer({ env: { ADMIN_USERS: 'boss' } });
 *     const [alice, bob] = t.users('alice', 'bob');
 *     const boss = t.user('boss', { exactName: true });
 *
 * The objects returned are filled in when the server is up, so tests use them directly.
 */
export function useTestServer(options: StartOptions = {}): TestServerFixture {
  let started: TestServer | undefined;
  const api = new Api('');
  const pending: { user: TestUser; name: string }[] = [];
  const current = (): TestServer => {
    if (!started) throw new Error('The test server starts in beforeAll: use it inside tests and hooks.');
    return started;
  };

  beforeAll(async () => {
    started = await startTestServer(options);
    Object.assign(api, { baseUrl: started.server.url });
    await Promise.all(pending.map(({ user, name }) => signUp(api, user, name)));
  });
  afterAll(() => started?.close());

  const user = (prefix: string, { exactName = false } = {}): TestUser => {
    const placeholder: TestUser = Object.assign(new Api(''), { username: '' });
    pending.push({ user: placeholder, name: exactName ? prefix : uniqueName(prefix) });
    return placeholder;
  };

  return {
    get server() {
      return current().server;
    },
    get database() {
      return current().database;
    },
    api,
    restart: (env) => current().restart(env),
    close: () => current().close(),
    user,
    users: <const Prefixes extends readonly string[]>(...prefixes: Prefixes) =>
      prefixes.map((prefix) => user(prefix)) as { [K in keyof Prefixes]: TestUser },
  };
}

async function signUp(api: Api, user: TestUser, username: string): Promise<void> {
  const response = await api.post<AuthResponse>('/register', { username, password: PASSWORD });
  if (response.status !== 201) throw new Error(`register ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
  Object.assign(user, { baseUrl: api.baseUrl, token: response.body.token, username });
}
