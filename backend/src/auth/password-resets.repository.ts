import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, Database } from '../storage/schema';

@Injectable()
export class PasswordResetsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Stores the user's reset code, replacing an earlier one. */
  async put(username: string, codeHash: string, expiresAt: string): Promise<void> {
    await this.db
      .insertInto('password_resets')
      .values({ username, code_hash: codeHash, expires_at: expiresAt })
      .onConflict((oc) => oc.column('username').doUpdateSet({ code_hash: codeHash, expires_at: expiresAt }))
      .execute();
  }

  /** Uses the code up if it is the user's and has not expired: true for exactly one of two racing logins. */
  async take(username: string, codeHash: string, now: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('password_resets')
      .where('username', '=', username)
      .where('code_hash', '=', codeHash)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async deleteOf(username: string): Promise<void> {
    await this.db.deleteFrom('password_resets').where('username', '=', username).execute();
  }
}
