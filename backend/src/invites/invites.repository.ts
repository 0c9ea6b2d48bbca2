import { Inject, Injectable } from '@nestjs/common';
import type { Invite } from '@chatroom/shared';
import type { Executor } from '../storage/executor';
import { DATABASE, Database } from '../storage/schema';

export interface NewInvite {
  codeHash: string;
  uses: number;
  expiresAt: string;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
}

@Injectable()
export class InvitesRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async insert(invite: NewInvite): Promise<Invite> {
    const { id } = await this.db
      .insertInto('invites')
      .values({
        code_hash: invite.codeHash,
        uses: invite.uses,
        used: 0,
        expires_at: invite.expiresAt,
        note: invite.note,
        created_by: invite.createdBy,
        created_at: invite.createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id, uses: invite.uses, used: 0, expires_at: invite.expiresAt, note: invite.note };
  }

  /** Newest first. */
  async list(): Promise<Invite[]> {
    return this.db.selectFrom('invites').select(['id', 'uses', 'used', 'expires_at', 'note']).orderBy('id', 'desc').execute();
  }

  /** False when there was no such invite. */
  async delete(id: number): Promise<boolean> {
    const result = await this.db.deleteFrom('invites').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /**
   * Takes one use of the code, if it has one left and has not expired. One statement that checks and
   * counts: of two registrations racing for the last use, the database lets exactly one through
   * (PostgreSQL re-checks the condition on the row the first one updated; SQLite writes one at a time).
   */
  async claim(trx: Executor, codeHash: string, now: string): Promise<boolean> {
    const result = await trx
      .updateTable('invites')
      .set((eb) => ({ used: eb('used', '+', 1) }))
      .where('code_hash', '=', codeHash)
      .where((eb) => eb('used', '<', eb.ref('uses')))
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
