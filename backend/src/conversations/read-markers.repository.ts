import { Inject, Injectable } from '@nestjs/common';
import { PreparedQuery } from '../storage/prepared-query';
import { DATABASE, Database } from '../storage/schema';

@Injectable()
export class ReadMarkersRepository {
  // Read by every /unread and /conversations: built and compiled once.
  private readonly selectOf = new PreparedQuery((username: string) =>
    this.db.selectFrom('read_markers').select(['conversation', 'last_read_id']).where('username', '=', username),
  );

  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async of(username: string): Promise<Map<string, number>> {
    const rows = await this.selectOf.execute(this.db, username);
    return new Map(rows.map((row) => [row.conversation, row.last_read_id]));
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
}
