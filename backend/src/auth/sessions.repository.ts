import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Executor } from '../storage/executor';
import { DATABASE, Database } from '../storage/schema';

export interface SessionRecord {
  username: string;
  expiresAt: string;
}

/** A session as its user sees it in their list. */
export interface ListedSession {
  id: string;
  tokenHash: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
}

export interface NewSession {
  tokenHash: string;
  id: string;
  createdAt: string;
  expiresAt: string;
  userAgent: string | null;
}

/** Sessions marked seen are written in batches of these sizes: each size is one statement, kept by SQLite's statement cache. */
const SEEN_BATCH_MAX = 256;

@Injectable()
export class SessionsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /**
   * Opens a session for `username` if the account may sign in (not suspended, not deleted), in one
   * statement, so that a suspension committed before it cannot be slipped past. False when it may not.
   */
  async insertIfActive(username: string, session: NewSession): Promise<boolean> {
    const text = (value: string | null) => sql<string>`cast(${value} as text)`;
    const result = await this.db
      .insertInto('sessions')
      .columns(['token_hash', 'id', 'username', 'created_at', 'expires_at', 'last_seen_at', 'user_agent'])
      .expression((eb) =>
        eb
          .selectFrom('users')
          .select([
            text(session.tokenHash).as('token_hash'),
            text(session.id).as('id'),
            'username',
            text(session.createdAt).as('created_at'),
            text(session.expiresAt).as('expires_at'),
            text(session.createdAt).as('last_seen_at'),
            text(session.userAgent).as('user_agent'),
          ])
          .where('username_key', '=', username.toLowerCase())
          .where('suspended_at', 'is', null)
          .where('deactivated_at', 'is', null),
      )
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async find(tokenHash: string): Promise<SessionRecord | undefined> {
    const row = await this.db
      .selectFrom('sessions')
      .select(['username', 'expires_at'])
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row && { username: row.username, expiresAt: row.expires_at };
  }

  /** The user's sessions that have not expired, most recently used first. */
  async listOf(username: string, now: string): Promise<ListedSession[]> {
    const rows = await this.db
      .selectFrom('sessions')
      .select(['id', 'token_hash', 'created_at', 'last_seen_at', 'user_agent'])
      .where('username', '=', username)
      .where('expires_at', '>', now)
      .execute();
    return rows
      .map((row) => ({ id: row.id, tokenHash: row.token_hash, createdAt: row.created_at, lastSeenAt: row.last_seen_at ?? row.created_at, userAgent: row.user_agent }))
      .sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt) || b.createdAt.localeCompare(a.createdAt));
  }

  async delete(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  /** Deletes the user's session with that id; its token hash, or undefined when the user has none by that id. */
  async deleteById(username: string, id: string): Promise<string | undefined> {
    const row = await this.db
      .deleteFrom('sessions')
      .where('username', '=', username)
      .where('id', '=', id)
      .returning('token_hash')
      .executeTakeFirst();
    return row?.token_hash;
  }

  /** Deletes every session of the user but `keep` (a token hash); the token hashes deleted. */
  async deleteAllOf(username: string, keep?: string, db: Executor = this.db): Promise<string[]> {
    let query = db.deleteFrom('sessions').where('username', '=', username);
    if (keep !== undefined) query = query.where('token_hash', '!=', keep);
    const rows = await query.returning('token_hash').execute();
    return rows.map((row) => row.token_hash);
  }

  /** Records that these sessions were used at `at`. */
  async markSeen(tokenHashes: string[], at: string): Promise<void> {
    for (let start = 0; start < tokenHashes.length; ) {
      const size = Math.min(SEEN_BATCH_MAX, 2 ** Math.floor(Math.log2(tokenHashes.length - start)));
      await this.db
        .updateTable('sessions')
        .set({ last_seen_at: at })
        .where('token_hash', 'in', tokenHashes.slice(start, start + size))
        .execute();
      start += size;
    }
  }

  async deleteExpired(now: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
  }
}
