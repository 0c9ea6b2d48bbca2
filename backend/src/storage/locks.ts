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
