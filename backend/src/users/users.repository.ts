import { Inject, Injectable } from '@nestjs/common';
import type { AccountSettings } from '@chatroom/shared';
import type { Executor } from '../storage/executor';
import { DATABASE, Database } from '../storage/schema';

export interface UserRecord {
  username: string;
  passwordHash: string;
  createdAt: string;
  suspended: boolean;
  /** Deleted: the name stays reserved and nobody signs in as it. */
  deactivated: boolean;
}

/** A deleted account's password hash: no password verifies against it. */
export const NO_PASSWORD = '!';

@Injectable()
export class UsersRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Returns false when the name is taken, ignoring case. */
  async insert(username: string, passwordHash: string, createdAt: string, db: Executor = this.db): Promise<boolean> {
    const result = await db
      .insertInto('users')
      .values({ username, username_key: username.toLowerCase(), password_hash: passwordHash, created_at: createdAt, suspended_at: null, deactivated_at: null })
      .onConflict((oc) => oc.column('username_key').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async findByName(name: string): Promise<UserRecord | undefined> {
    const row = await this.db
      .selectFrom('users')
      .select(['username', 'password_hash', 'created_at', 'suspended_at', 'deactivated_at'])
      .where('username_key', '=', name.toLowerCase())
      .executeTakeFirst();
    return row && toRecord(row);
  }

  /** Every account, in the order they were made. */
  async list(): Promise<UserRecord[]> {
    const rows = await this.db
      .selectFrom('users')
      .select(['username', 'password_hash', 'created_at', 'suspended_at', 'deactivated_at'])
      .orderBy('id')
      .execute();
    return rows.map(toRecord);
  }

  async setPasswordHash(username: string, passwordHash: string): Promise<void> {
    await this.db.updateTable('users').set({ password_hash: passwordHash }).where('username', '=', username).execute();
  }

  async setSuspendedAt(username: string, suspendedAt: string | null): Promise<void> {
    await this.db.updateTable('users').set({ suspended_at: suspendedAt }).where('username', '=', username).execute();
  }

  /** Returns false when the account was deleted already. */
  async deactivate(username: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('users')
      .set({ deactivated_at: at, password_hash: NO_PASSWORD })
      .where('username', '=', username)
      .where('deactivated_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async settings(username: string): Promise<AccountSettings> {
    const row = await this.db
      .selectFrom('users')
      .select(['dnd_until', 'share_read_receipts', 'share_typing'])
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    return toSettings(row);
  }

  /** Those of `usernames` who share their read receipts (or typing states, with `typing`). */
  async sharing(usernames: string[], what: 'share_read_receipts' | 'share_typing'): Promise<string[]> {
    if (usernames.length === 0) return [];
    const rows = await this.db.selectFrom('users').select('username').where('username', 'in', usernames).where(what, '=', 1).execute();
    return rows.map((row) => row.username);
  }

  /** Changes the fields given and keeps the others. */
  async updateSettings(username: string, changes: Partial<AccountSettings>): Promise<AccountSettings> {
    const row = await this.db
      .updateTable('users')
      .set((eb) => ({
        // Setting a column to itself keeps the statement valid when nothing is to change.
        dnd_until: changes.dnd_until === undefined ? eb.ref('dnd_until') : changes.dnd_until,
        ...(changes.share_read_receipts !== undefined && { share_read_receipts: changes.share_read_receipts ? 1 : 0 }),
        ...(changes.share_typing !== undefined && { share_typing: changes.share_typing ? 1 : 0 }),
      }))
      .where('username', '=', username)
      .returning(['dnd_until', 'share_read_receipts', 'share_typing'])
      .executeTakeFirstOrThrow();
    return toSettings(row);
  }

  /** The registered spelling of each name that exists, keyed by lower-cased name. */
  async canonicalNames(names: string[]): Promise<Map<string, string>> {
    if (names.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('users')
      .select(['username', 'username_key'])
      .where(
        'username_key',
        'in',
        names.map((name) => name.toLowerCase()),
      )
      .execute();
    return new Map(rows.map((row) => [row.username_key, row.username]));
  }
}

function toRecord(row: { username: string; password_hash: string; created_at: string; suspended_at: string | null; deactivated_at: string | null }): UserRecord {
  return {
    username: row.username,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
    suspended: row.suspended_at !== null,
    deactivated: row.deactivated_at !== null,
  };
}

function toSettings(row: { dnd_until: string | null; share_read_receipts: number; share_typing: number }): AccountSettings {
  return { dnd_until: row.dnd_until, share_read_receipts: row.share_read_receipts === 1, share_typing: row.share_typing === 1 };
}
