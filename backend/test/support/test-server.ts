import { Api } from './api';
import { createTestDatabase, TestDatabase } from './database';
import path from 'node:path';
import { RunningServer, startServer, StartOptions, tempDir } from './server';

export interface TestServer {
  server: RunningServer;
  database: TestDatabase;
  /** An anonymous client; `registerUser(api)` gives signed-in ones. */
  api: Api;
  /** Starts the server again on the same database and port (after stop or kill). */
  restart(env?: Record<string, string>): Promise<void>;
  close(): Promise<void>;
}

/** Limits high enough that tests registering many users are never throttled, unless a test asks. */
const TEST_ENV = {
  RATE_LIMIT_AUTH_PER_MINUTE: '1000000',
  RATE_LIMIT_SEND_PER_MINUTE: '1000000',
  RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_PER_MINUTE: '1000000',
  RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS_PER_MINUTE: '1000000',
};

/** The real server on a fresh database (SQLite, or PostgreSQL under CHATROOM_TEST_DB=postgres). */
export async function startTestServer(options: StartOptions = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  const files = tempDir();
  const env = { ...TEST_ENV, ANNOUNCEMENT_FILE: path.join(files.dir, 'announcement.txt'), UPLOAD_DIR: path.join(files.dir, 'uploads'), ...options.env };
  const handle: TestServer = {
    server: await startServer({ ...options, databaseUrl: database.url, env }),
    database,
    api: undefined as unknown as Api,
    async restart(restartEnv = {}) {
      handle.server = await startServer({ databaseUrl: database.url, port: handle.server.port, env: { ...env, ...restartEnv } });
    },
    async close() {
      await handle.server.stop();
      await database.drop();
      files.remove();
    },
  };
  handle.api = new Api(handle.server.url);
  return handle;
}
