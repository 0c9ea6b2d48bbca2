import { Inject, Injectable } from '@nestjs/common';
import type { PresenceState } from '@chatroom/shared';
import { DATABASE, Database } from '../storage/schema';

const TOUCH_BATCH_MAX = 256;

@Injectable()
export class PresenceRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /**
   * Writes in batches whose sizes are powers of two: each size is one statement, which the SQLite
   * statement cache keeps, so a handful of sizes must serve every count of users.
   */
  async touch(usernames: string[], at: string): Promise<void> {
    for (let start = 0; start < usernames.length; ) {
      const size = Math.min(TOUCH_BATCH_MAX, 2 ** Math.floor(Math.log2(usernames.length - start)));
      await this.db
        .insertInto('presence')
        .values(usernames.slice(start, start + size).map((username) => ({ username, last_seen: at })))
        .onConflict((oc) => oc.column('username').doUpdateSet((eb) => ({ last_seen: eb.ref('excluded.last_seen') })))
        .execute();
      start += size;
    }
  }

  async setState(username: string, state: PresenceState, at: string): Promise<void> {
    await this.db
      .insertInto('presence')
      .values({ username, last_seen: at, state })
      .onConflict((oc) => oc.column('username').doUpdateSet({ last_seen: at, state }))
      .execute();
  }

  /** Forgets what the user's browser last said: until one says again, they count as active. */
  async clearState(username: string): Promise<void> {
    await this.db.updateTable('presence').set({ state: null }).where('username', '=', username).execute();
  }

  /** Users seen since `since`, sorted by name, with the state they last reported. */
  async seenSince(since: string): Promise<{ username: string; state: PresenceState | null }[]> {
    const rows = await this.db
      .selectFrom('presence')
      .select(['username', 'state'])
      .where('last_seen', '>=', since)
      .execute();
    return rows.sort((a, b) => a.username.localeCompare(b.username));
  }
}
