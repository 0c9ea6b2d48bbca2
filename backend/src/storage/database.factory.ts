import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, sql, SqliteDatabase, SqliteDialect } from 'kysely';
import { Pool, types } from 'pg';
import type { DatabaseConfig } from '../config/app-config';
import { InCodeMigrationProvider } from './migrations';
import { WalCheckpointer } from './wal-checkpointer';
import type { Database, DatabaseSchema } from './schema';

// Message ids are bigint columns in PostgreSQL; they stay far below 2^53, so numbers are safe.
types.setTypeParser(types.builtins.INT8, (value) => Number(value));

/** `onPool`: told of the PostgreSQL connection pool, for its metrics. */
export function createDatabase(config: DatabaseConfig, onPool?: (pool: Pool) => void): Database {
  if (config.driver === 'postgres') {
    const pool = new Pool({
      connectionString: config.url,
      // Enough for the queries of many concurrent requests; a long-poll holds no connection while it waits.
      max: 10,
      // Fail a request rather than queue it for ever when the database is unreachable.
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 30_000,
      keepAlive: true,
      application_name: 'chatroom',
    });
    // An idle connection that breaks (database restart) is dropped from the pool and replaced on
    // demand; without a listener the error would end the process.
    pool.on('error', (error) => console.error(`PostgreSQL pool: ${error.message}`));
    onPool?.(pool);
    return new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
  }
  if (config.file !== ':memory:') mkdirSync(path.dirname(config.file), { recursive: true });
  const sqlite = new SQLite(config.file);
  // WAL lets readers run beside the writer. synchronous=NORMAL writes every commit to the WAL
  // before answering, so an acknowledged /send survives a crash or kill -9 of the server; only
  // an operating-system crash or power cut can lose the last commits. FULL would fsync each one
  // and cap sending at the disk's flush rate (about 250 messages/s measured here).
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  let checkpointer: WalCheckpointer | undefined;
  if (config.file !== ':memory:') {
    sqlite.pragma('wal_autocheckpoint = 0');
    checkpointer = new WalCheckpointer(config.file, () => sqlite.open && sqlite.pragma('wal_autocheckpoint = 1000'));
  }
  const database = withStatementCache(sqlite, () => checkpointer?.stop());
  return new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database }) });
}

export async function migrateToLatest(db: Database, driver: DatabaseConfig['driver']): Promise<void> {
  // Kysely looks for its bookkeeping tables in every schema unless told which: a database holding
  // another deployment (or test run) in another schema would pass for migrated.
  const migrationTableSchema = driver === 'postgres' ? await currentSchema(db) : undefined;
  const migrator = new Migrator({ db, provider: new InCodeMigrationProvider(driver), migrationTableSchema });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}

/**
 * Kysely prepares every query anew; with better-sqlite3 preparing costs more than running a small
 * query, and the server runs the same few dozen statements all day.
 */
function withStatementCache(sqlite: SQLite.Database, beforeClose: () => void): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      beforeClose();
      sqlite.close();
    },
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= STATEMENT_CACHE_MAX) statements.clear();
        statement = sqlite.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

const STATEMENT_CACHE_MAX = 500;

/** Where unqualified table names go: the first schema of the connection's search_path. */
export async function currentSchema(db: Database): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  if (!rows[0]?.schema) throw new Error('PostgreSQL: no schema on the search_path exists; create it first');
  return rows[0].schema;
}
