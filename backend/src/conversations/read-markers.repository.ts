import { Inject, Injectable } from '@nestjs/common';
import { ConversationSettings, NotifyLevel } from '@chatroom/shared';
import { PreparedQuery } from '../storage/prepared-query';
import { DATABASE, Database } from '../storage/schema';

/** A user's row for one conversation: where they stopped reading, and how it may ask for their attention. */
export interface ReadMarker {
  lastReadId: number;
  notify: NotifyLevel;
  mutedUntil: string | null;
}

@Injectable()
export class ReadMarkersRepository {
  // Read by every /unread and /conversations: built and compiled once.
  private readonly selectOf = new PreparedQuery((username: string) =>
    this.db.selectFrom('read_markers').select(['conversation', 'last_read_id', 'notify', 'muted_until']).where('username', '=', username),
  );

  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Every conversation the user has a row for; one without a row is unread from the start, at the default level. */
  async of(username: string): Promise<Map<string, ReadMarker>> {
    const rows = await this.selectOf.execute(this.db, username);
    return new Map(
      rows.map((row) => [row.conversation, { lastReadId: row.last_read_id, notify: row.notify as NotifyLevel, mutedUntil: row.muted_until }]),
    );
  }

  /** Where each of `usernames` stopped reading `conversation`; those without a marker are left out. */
  async inConversation(conversation: string, usernames: string[]): Promise<Map<string, number>> {
    if (usernames.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('read_markers')
      .select(['username', 'last_read_id'])
      .where('conversation', '=', conversation)
      .where('username', 'in', usernames)
      .execute();
    return new Map(rows.map((row) => [row.username, row.last_read_id]));
  }

  /** Moves the marker forward; a lower id than the stored one leaves it where it is. Returns the stored value. */
  async advance(username: string, conversation: string, lastReadId: number): Promise<number> {
    const row = await this.db
      .insertInto('read_markers')
      .values({ username, conversation, last_read_id: lastReadId })
      .onConflict((oc) =>
        oc.columns(['username', 'conversation']).doUpdateSet((eb) => ({
          last_read_id: eb
            .case()
            .when(eb.ref('excluded.last_read_id'), '>', eb.ref('read_markers.last_read_id'))
            .then(eb.ref('excluded.last_read_id'))
            .else(eb.ref('read_markers.last_read_id'))
            .end(),
        })),
      )
      .returning('last_read_id')
      .executeTakeFirstOrThrow();
    return row.last_read_id;
  }

  /**
   * Moves the marker back; a higher id than the stored one leaves it where it is (no row is the
   * marker at 0, which nothing is below). Returns the stored value.
   */
  async moveBack(username: string, conversation: string, lastReadId: number): Promise<number> {
    const moved = await this.db
      .updateTable('read_markers')
      .set({ last_read_id: lastReadId })
      .where('username', '=', username)
      .where('conversation', '=', conversation)
      .where('last_read_id', '>', lastReadId)
      .returning('last_read_id')
      .executeTakeFirst();
    if (moved) return moved.last_read_id;
    const stored = await this.db
      .selectFrom('read_markers')
      .select('last_read_id')
      .where('username', '=', username)
      .where('conversation', '=', conversation)
      .executeTakeFirst();
    return stored?.last_read_id ?? 0;
  }

  /** Changes the fields given and keeps the others (a new row starts unread from the start, at the defaults). */
  async updateSettings(username: string, conversation: string, changes: Partial<ConversationSettings>): Promise<ConversationSettings> {
    const row = await this.db
      .insertInto('read_markers')
      .values({ username, conversation, last_read_id: 0, ...changes })
      .onConflict((oc) =>
        // Setting notify to itself first keeps the statement valid when nothing is to change.
        oc.columns(['username', 'conversation']).doUpdateSet((eb) => ({ notify: eb.ref('read_markers.notify'), ...changes })),
      )
      .returning(['notify', 'muted_until'])
      .executeTakeFirstOrThrow();
    return { notify: row.notify as NotifyLevel, muted_until: row.muted_until };
  }
}
