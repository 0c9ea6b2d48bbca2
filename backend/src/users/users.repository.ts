import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, Database } from '../storage/schema';

export interface UserRecord {
  username: string;
  passwordHash: string;
}

@Injectable()
export class UsersRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Returns false when the name is taken, ignoring case. */
  async insert(username: string, passwordHash: string, createdAt: string): Promise<boolean> {
    const result = await this.db
      .insertInto('users')
      .values({ username, username_key: username.toLowerCase(), password_hash: passwordHash, created_at: createdAt })
      .onConflict((oc) => oc.column('username_key').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async findByName(name: string): Promise<UserRecord | undefined> {
    const row = await this.db
      .selectFrom('users')
      .select(['username', 'password_hash'])
      .where('username_key', '=', name.toLowerCase())
      .executeTakeFirst();
    return row && { username: row.username, passwordHash: row.password_hash };
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
