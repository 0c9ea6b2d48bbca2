import { sql } from 'kysely';
import type { Executor } from './executor';

/**
 * Holds the message-id counter until the transaction ends, before anything is read. Use it when a
 * transaction decides from what it reads whether to append (check-then-append): instances run such
 * transactions one after the other, so the second sees what the first appended. PostgreSQL locks
 * the row; SQLite takes its write lock.
 */
export async function lockMessageIds(trx: Executor): Promise<void> {
  await sql`update counters set value = value where name = 'message_id'`.execute(trx);
}

/** Keys of the PostgreSQL advisory locks of background jobs: any numbers, the same on every instance. */
export const JOB_LOCKS = { searchIndexing: 7_240_411, retention: 7_240_412 } as const;

/**
 * On PostgreSQL, takes the job's lock until the transaction ends, if no other instance holds it:
 * false when one does, and the caller leaves the work to it. (On SQLite one process runs every job.)
 */
export async function tryJobLock(trx: Executor, job: keyof typeof JOB_LOCKS): Promise<boolean> {
  const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${JOB_LOCKS[job]}) as locked`.execute(trx);
  return rows[0]?.locked === true;
}
