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

  /**
   * What one session's browser says of its user, now; the user counts as online too. What the user's
   * sessions said before `staleBefore` no longer counts and goes: a browser closed without signing out
   * leaves no row behind for long.
   */
  async setState(tokenHash: string, username: string, state: PresenceState, at: string, staleBefore: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('presence_sessions').where('username', '=', username).where('reported_at', '<', staleBefore).execute();
      await trx
        .insertInto('presence_sessions')
        .values({ token_hash: tokenHash, username, state, reported_at: at })
        .onConflict((oc) => oc.column('token_hash').doUpdateSet({ username, state, reported_at: at }))
        .execute();
      await trx
        .insertInto('presence')
        .values({ username, last_seen: at })
        .onConflict((oc) => oc.column('username').doUpdateSet({ last_seen: at }))
        .execute();
    });
  }

  /** Forgets what these sessions said: they ended. */
  async forgetSessions(tokenHashes: string[]): Promise<void> {
    await this.db.deleteFrom('presence_sessions').where('token_hash', 'in', tokenHashes).execute();
  }

  /**
   * Users seen since `since`, sorted by name, each `active` when any of their sessions that spoke
   * since `statesSince` says so, or none did; `away` when all of those say away.
   */
  async seenSince(since: string, statesSince: string): Promise<{ username: string; state: PresenceState }[]> {
    const rows = await this.db
      .selectFrom('presence')
      .select((eb) => [
        'presence.username',
        // 'active' sorts before 'away': the least state said is active when any session says so.
        eb
          .selectFrom('presence_sessions')
          .select((inner) => inner.fn.min('presence_sessions.state').as('state'))
          .whereRef('presence_sessions.username', '=', 'presence.username')
          .where('presence_sessions.reported_at', '>=', statesSince)
          .as('state'),
      ])
      .where('presence.last_seen', '>=', since)
      .execute();
    return rows.map((row) => ({ username: row.username, state: row.state ?? 'active' })).sort((a, b) => a.username.localeCompare(b.username));
  }
}
