import type { Kysely, Transaction } from 'kysely';
import type { DatabaseSchema } from './schema';

/** The database, or a transaction on it: repository methods that take part in a larger change accept either. */
export type Executor = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;
