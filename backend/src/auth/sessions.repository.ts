import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, Database } from '../storage/schema';

export interface SessionRecord {
  username: string;
  expiresAt: string;
}

@Injectable()
export class SessionsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async insert(tokenHash: string, username: string, createdAt: string, expiresAt: string): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({ token_hash: tokenHash, username, created_at: createdAt, expires_at: expiresAt })
      .execute();
  }

  async find(tokenHash: string): Promise<SessionRecord | undefined> {
    const row = await this.db
      .selectFrom('sessions')
      .select(['username', 'expires_at'])
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row && { username: row.username, expiresAt: row.expires_at };
  }

  async delete(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  async deleteExpired(now: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
  }
}
