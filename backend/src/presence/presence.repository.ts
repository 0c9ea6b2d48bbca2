import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, Database } from '../storage/schema';

@Injectable()
export class PresenceRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async touch(usernames: string[], at: string): Promise<void> {
    if (usernames.length === 0) return;
    await this.db
      .insertInto('presence')
      .values(usernames.map((username) => ({ username, last_seen: at })))
      .onConflict((oc) => oc.column('username').doUpdateSet((eb) => ({ last_seen: eb.ref('excluded.last_seen') })))
      .execute();
  }

  async seenSince(since: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('presence')
      .select('username')
      .where('last_seen', '>=', since)
      .execute();
    return rows.map((row) => row.username).sort((a, b) => a.localeCompare(b));
  }
}
