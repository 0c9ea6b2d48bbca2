import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client, QueryResult } from 'pg';
import { loadConfig } from '../../src/config/app-config';
import { createDatabase } from '../../src/storage/database.factory';
import type { Database } from '../../src/storage/schema';
import { tempDir } from './server';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** The PostgreSQL database test runs create their schemas in. */
export const TEST_POSTGRES_URL = process.env.CHATROOM_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export function usingPostgres(): boolean {
  return process.env.CHATROOM_TEST_DB === 'postgres';
}

/**
 * A fresh, empty database for one test file: a SQLite file in a temporary directory, or with
 * CHATROOM_TEST_DB=postgres a schema of its own in TEST_POSTGRES_URL, which the server's URL
 * selects through search_path. `drop` removes it; stop the servers using it first.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (usingPostgres()) return createPostgresSchema();
  const directory = tempDir();
  const drop = () => {
    directory.remove();
    return Promise.resolve();
  };
  return { url: `sqlite:${path.join(directory.dir, 'chatroom.sqlite')}`, drop };
}

/** Runs `work` on a connection of the test's own to the database at `url` (a server's DATABASE_URL), closed after. */
export async function withDatabase<T>(url: string, work: (db: Database) => Promise<T>): Promise<T> {
  const db = createDatabase(loadConfig({ DATABASE_URL: url }).database);
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

export async function createPostgresSchema(): Promise<TestDatabase> {
  await dropSchemasOfDeadRuns();
  const schema = `test_${process.pid}_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE SCHEMA ${schema}`);
  const url = new URL(TEST_POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    drop: async () => {
      await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  };
}

/** A test process killed before its `drop` leaves its schemas behind; the next run removes them. */
async function dropSchemasOfDeadRuns(): Promise<void> {
  const { rows } = await admin(`SELECT nspname FROM pg_namespace WHERE nspname ~ '^test_[0-9]+_[0-9a-f]+$'`);
  for (const { nspname } of rows as { nspname: string }[]) {
    if (!processAlive(Number(nspname.split('_')[1]))) await admin(`DROP SCHEMA IF EXISTS ${nspname} CASCADE`);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function admin(statement: string): Promise<QueryResult> {
  const client = new Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return await client.query(statement);
  } finally {
    await client.end();
  }
}
