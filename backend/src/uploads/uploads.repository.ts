import { Inject, Injectable } from '@nestjs/common';
import type { Attachment } from '@chatroom/shared';
import { sql } from 'kysely';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { Executor } from '../storage/executor';
import { DATABASE, Database, DatabaseSchema } from '../storage/schema';

export type UploadRow = DatabaseSchema['uploads'];

/** Rows looked at per clean-up query: each removal is a file operation, and requests go on between. */
const CLEAN_UP_BATCH = 100;

/** The `uploads` table: who uploaded what, whether it is complete, and which message carries it. */
@Injectable()
export class UploadsRepository {
  private readonly onPostgres: boolean;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.onPostgres = config.database.driver === 'postgres';
  }

  /** An upload whose bytes are about to arrive: counted nowhere, sendable nowhere, until `complete`. */
  async begin(id: string, owner: string, name: string, createdAt: string): Promise<void> {
    await this.db.insertInto('uploads').values({ id, owner, name, size: 0, mime: '', width: null, height: null, created_at: createdAt, completed_at: null, message_id: null }).execute();
  }

  /**
   * Records the stored file's size and kind, if the owner's complete uploads leave room for it
   * under `quota`: false (and nothing changed) when not. Uploads of one owner complete one at a
   * time, so two arriving together cannot both take the last of the room.
   */
  async complete(id: string, owner: string, file: Omit<Attachment, 'id' | 'name'>, quota: number, completedAt: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      // SQLite runs one write transaction at a time; PostgreSQL is told to, per owner.
      if (this.onPostgres) await sql`select pg_advisory_xact_lock(hashtext(${`uploads:${owner}`}))`.execute(trx);
      if ((await this.usedBy(owner, trx)) + file.size > quota) return false;
      await trx
        .updateTable('uploads')
        .set({ size: file.size, mime: file.mime, width: file.width ?? null, height: file.height ?? null, completed_at: completedAt })
        .where('id', '=', id)
        .execute();
      return true;
    });
  }

  /** Bytes the owner's complete uploads take, sent or not. */
  async usedBy(owner: string, db: Executor = this.db): Promise<number> {
    const row = await db
      .selectFrom('uploads')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number | string>('size'), sql<number>`0`).as('used'))
      .where('owner', '=', owner)
      .where('completed_at', 'is not', null)
      .executeTakeFirst();
    return Number(row?.used ?? 0);
  }

  async find(id: string, db: Executor = this.db): Promise<UploadRow | undefined> {
    return db.selectFrom('uploads').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async findMany(ids: readonly string[], db: Executor): Promise<UploadRow[]> {
    if (ids.length === 0) return [];
    return db.selectFrom('uploads').selectAll().where('id', 'in', ids).execute();
  }

  /** Marks the uploads as sent with `messageId`; the number marked (those not sent before). */
  async attach(ids: readonly string[], messageId: number, db: Executor): Promise<number> {
    const result = await db.updateTable('uploads').set({ message_id: messageId }).where('id', 'in', ids).where('message_id', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async remove(id: string): Promise<void> {
    await this.db.deleteFrom('uploads').where('id', '=', id).execute();
  }

  /** Removes the upload if it was never sent; whether it was removed (a send may have claimed it meanwhile). */
  async removeUnsent(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('uploads').where('id', '=', id).where('message_id', 'is', null).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** The ids of uploads sent with these messages. */
  async ofMessages(messageIds: readonly number[]): Promise<string[]> {
    if (messageIds.length === 0) return [];
    const rows = await this.db.selectFrom('uploads').select('id').where('message_id', 'in', messageIds).execute();
    return rows.map((row) => row.id);
  }

  /** Some uploads never sent and begun before `before` (complete or not). */
  async unsentBefore(before: string): Promise<string[]> {
    const rows = await this.db.selectFrom('uploads').select('id').where('message_id', 'is', null).where('created_at', '<', before).limit(CLEAN_UP_BATCH).execute();
    return rows.map((row) => row.id);
  }

  /** Some uploads whose message has been erased: what an interrupted clean-up after an erase left. */
  async ofErasedMessages(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('uploads as u')
      .innerJoin('messages as m', 'm.id', 'u.message_id')
      .select('u.id')
      .where('m.deleted_at', 'is not', null)
      .limit(CLEAN_UP_BATCH)
      .execute();
    return rows.map((row) => row.id);
  }
}
