import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { admin } from './support/admin-cli';
import { Api, TestUser } from './support/api';
import { TEST_POSTGRES_URL, usingPostgres } from './support/database';
import { startServer, tempDir, waitFor } from './support/server';
import { TestServerFixture, useTestServer } from './support/use-test-server';

const run = promisify(execFile);
/** Sends per sender at most: the load stops with the test, or here. */
const SENDS_MAX = 2_000;

interface Acknowledged {
  id: number;
  message: string;
  /** When the answer arrived. */
  at: number;
}

/**
 * Backs the test server's database up the way the README says (SQLite: `npm run admin -- backup`;
 * PostgreSQL: pg_dump of its schema) and restores it into a new database: the new DATABASE_URL.
 */
async function backUpAndRestore(t: TestServerFixture, dir: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!usingPostgres()) {
    const file = path.join(dir, 'backup.sqlite');
    const result = await admin(t, ['backup', file]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`to ${file}`);
    return { url: `sqlite:${file}`, drop: () => Promise.resolve() };
  }
  const url = new URL(t.database.url);
  const schema = /search_path=(\S+)/.exec(url.searchParams.get('options') ?? '')?.[1] ?? '';
  const dump = path.join(dir, 'backup.sql');
  await run('pg_dump', ['--no-owner', `--schema=${schema}`, `--file=${dump}`, TEST_POSTGRES_URL]);
  const database = `restore_${process.pid}_${Date.now()}`;
  const server = new Client({ connectionString: TEST_POSTGRES_URL });
  await server.connect();
  await server.query(`CREATE DATABASE ${database}`);
  url.pathname = `/${database}`;
  const restoreUrl = new URL(TEST_POSTGRES_URL);
  restoreUrl.pathname = `/${database}`;
  await run('psql', ['-q', '-v', 'ON_ERROR_STOP=1', `--file=${dump}`, restoreUrl.toString()]);
  return {
    url: url.toString(),
    drop: async () => {
      await server.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await server.end();
    },
  };
}

describe('a backup taken while the server is under load', () => {
  jest.setTimeout(120_000);
  const t = useTestServer();
  const [alice, bob] = t.users('alice', 'bob');

  it('restores into a server that has every message acknowledged before the backup began', async () => {
    const acknowledged: Acknowledged[] = [];
    let sending = true;
    const sender = async (from: TestUser, to: TestUser, lane: number) => {
      for (let i = 0; sending && i < SENDS_MAX; i++) {
        const sent = await from.send(to.username, `lane ${lane}, message ${i}`);
        acknowledged.push({ id: sent.id, message: sent.message, at: Date.now() });
      }
    };
    const load = [sender(alice, bob, 1), sender(bob, alice, 2), sender(alice, bob, 3), sender(bob, alice, 4)];
    await waitFor(() => acknowledged.length >= 200, { timeoutMs: 30_000, what: 'the load to get going' });

    const dir = tempDir();
    const began = Date.now();
    const restored = await backUpAndRestore(t, dir.dir);
    const during = acknowledged.filter((sent) => sent.at > began).length;
    sending = false;
    await Promise.all(load);
    // Taken under load: sends were acknowledged while it ran.
    expect(during).toBeGreaterThan(0);

    const server = await startServer({ databaseUrl: restored.url, env: { ANNOUNCEMENT_FILE: path.join(dir.dir, 'announcement.txt') } });
    try {
      const reader = new Api(server.url, alice.token);
      const found = new Map<number, string>();
      for (let lastId = 0; ; ) {
        const page = await reader.messages(lastId, '&limit=1000');
        for (const message of page.messages) found.set(message.id, message.message);
        if (page.messages.length === 0) break;
        lastId = page.last_id;
      }
      const before = acknowledged.filter((sent) => sent.at < began);
      expect(before.filter((sent) => found.get(sent.id) !== sent.message)).toEqual([]);
      // A copy as of one commit: the messages it holds are those numbered up to its newest, none missing.
      const ids = [...found.keys()].sort((a, b) => a - b);
      expect(ids).toEqual(ids.map((_, index) => index + 1));
      // And it takes new messages where it left off.
      const next = await reader.send(bob.username, 'after the restore');
      expect(next.id).toBe(ids.length + 1);
    } finally {
      await server.stop();
      await restored.drop();
      dir.remove();
    }
  });
});
