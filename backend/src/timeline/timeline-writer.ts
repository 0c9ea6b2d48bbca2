import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Executor } from '../storage/executor';
import { PreparedQuery } from '../storage/prepared-query';
import { DATABASE, Database } from '../storage/schema';
import { SearchIndex } from './search-index';
import { attachmentsColumn, conversationKey, namesColumn, NewTimelineMessage, TimelineRow } from './timeline-message';

/** Every column of a messages row, in the order the prepared insert takes their values. */
const MESSAGE_COLUMNS = [
  'id',
  'kind',
  'sender',
  'recipient',
  'conversation',
  'body',
  'client_id',
  'created_at',
  'relates_to',
  'reply_to',
  'edit_id',
  'removed',
  'mentions',
  'new_mentions',
  'deleted_at',
  'attachments',
] as const satisfies readonly (keyof TimelineRow)[];
/** A column added to the table without its place above does not compile. */
const _everyColumn: Exclude<keyof TimelineRow, (typeof MESSAGE_COLUMNS)[number]> extends never ? true : never = true;

/** Messages erased per statement: few enough for the databases' limits on bound values. */
const ERASE_BATCH = 500;

/** One step of the retention walk (TimelineWriter.expire). */
export interface ExpiryStep {
  /** Every entry up to this id was sent before the cutoff and is dealt with. */
  walkedTo: number;
  /** The step's chat messages to erase (from `expiring`), or erased (from TimelineService.expire). */
  erased: number[];
  /** Nothing older than the cutoff lies beyond `walkedTo`. */
  done: boolean;
}

/**
 * Writes to the `messages`, `direct_conversations`, `reactions` and `mentions` tables, and takes
 * deleted messages out of the search index. Provided to
 * TimelineService only and not exported from the module: every message goes in through
 * TimelineService.transaction, which numbers it inside the transaction and publishes it after the
 * commit. An edit, delete or reaction changes the state of its message in the same transaction.
 */
@Injectable()
export class TimelineWriter {
  // Sending runs these thousands of times a second: build and compile them once.
  private readonly takeNextId = new PreparedQuery(() =>
    this.db
      .updateTable('counters')
      .set((eb) => ({ value: eb('value', '+', 1) }))
      .where('name', '=', 'message_id')
      .returning('value'),
  );
  private readonly insertMessage = new PreparedQuery((...values: unknown[]) =>
    this.db.insertInto('messages').values(Object.fromEntries(MESSAGE_COLUMNS.map((column, index) => [column, values[index]])) as TimelineRow),
  );
  private readonly setLatestEdit = new PreparedQuery((messageId: number, editId: number) =>
    this.db.updateTable('messages').set({ edit_id: editId }).where('id', '=', messageId),
  );
  /** The emoji keeps its place while anyone has it on the message: a new row takes its rows' first entry. */
  private readonly insertReaction = new PreparedQuery((messageId: number, emoji: string, username: string, entryId: number) =>
    this.db.insertInto('reactions').values({
      message_id: messageId,
      emoji,
      username,
      entry_id: entryId,
      first_entry_id: sql<number>`coalesce((select min(first_entry_id) from reactions where message_id = ${messageId} and emoji = ${emoji}), ${entryId})`,
    }),
  );
  private readonly deleteReaction = new PreparedQuery((messageId: number, emoji: string, username: string) =>
    this.db.deleteFrom('reactions').where('message_id', '=', messageId).where('emoji', '=', emoji).where('username', '=', username),
  );

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly searchIndex: SearchIndex,
  ) {}

  /**
   * Takes the next message id from the counter row, for several instances sharing PostgreSQL: the
   * row stays locked until the transaction ends, so ids are handed out and committed in the same
   * order and none is skipped by a poller.
   */
  async nextId(trx: Executor): Promise<number> {
    const [row] = await this.takeNextId.execute(trx);
    if (!row) throw new Error('The message_id counter row is missing: the migrations create it.');
    return row.value;
  }

  async insert(trx: Executor, id: number, message: NewTimelineMessage, createdAt: string): Promise<TimelineRow> {
    const row: TimelineRow = {
      id,
      kind: message.kind,
      sender: message.sender,
      recipient: message.recipient,
      conversation: message.relatesTo?.conversation ?? conversationKey(message.sender, message.recipient),
      body: message.body,
      client_id: message.clientId ?? null,
      created_at: createdAt,
      relates_to: message.relatesTo?.id ?? null,
      reply_to: message.replyTo?.id ?? null,
      edit_id: null,
      removed: message.kind === 'reaction' ? Number(message.removed === true) : null,
      mentions: namesColumn(message.mentions),
      new_mentions: namesColumn(message.newMentions),
      deleted_at: null,
      attachments: attachmentsColumn(message.attachments),
    };
    await this.insertMessage.execute(trx, ...MESSAGE_COLUMNS.map((column) => row[column]));
    await this.apply(trx, row, message);
    return row;
  }

  async addDirectParticipants(trx: Executor, conversation: string, usernames: string[]): Promise<void> {
    await trx
      .insertInto('direct_conversations')
      .values([...new Set(usernames)].map((username) => ({ username, conversation })))
      .onConflict((oc) => oc.columns(['username', 'conversation']).doNothing())
      .execute();
  }

  /** What an entry changes besides its own row: the message it relates to, reactions, mentions. */
  private async apply(trx: Executor, row: TimelineRow, message: NewTimelineMessage): Promise<void> {
    const target = message.relatesTo?.id;
    switch (message.kind) {
      case 'message':
        await this.addMentions(trx, row, message.mentions);
        break;
      case 'edit':
        if (target !== undefined) await this.setLatestEdit.execute(trx, target, row.id);
        await this.addMentions(trx, row, message.newMentions);
        break;
      case 'delete':
        if (target !== undefined) await this.erase(trx, [target], row.created_at);
        break;
      case 'reaction':
        if (target === undefined) break;
        if (message.removed) await this.deleteReaction.execute(trx, target, row.body, row.sender);
        else await this.insertReaction.execute(trx, target, row.body, row.sender, row.id);
        break;
      case 'event':
      case 'announcement':
        break;
    }
  }

  private async addMentions(trx: Executor, row: TimelineRow, usernames: string[] | undefined): Promise<void> {
    if (!usernames || usernames.length === 0) return;
    await trx
      .insertInto('mentions')
      .values(usernames.map((username) => ({ username, conversation: row.conversation, entry_id: row.id })))
      .execute();
  }

  /**
   * Deleting messages erases their text and every earlier text (their edits' bodies), the mentions
   * they made, their reactions and the list of their files (whose bytes go after the commit, see
   * TimelineService.onErased), a statement for each of these for all the messages at once; each row
   * stays, with its id, as a tombstone.
   */
  private async erase(trx: Executor, messageIds: number[], deletedAt: string): Promise<void> {
    if (messageIds.length === 0) return;
    const edits = trx.selectFrom('messages').select('id').where('relates_to', 'in', messageIds).where('kind', '=', 'edit');
    await trx
      .deleteFrom('mentions')
      .where((eb) => eb.or([eb('entry_id', 'in', messageIds), eb('entry_id', 'in', edits)]))
      .execute();
    await trx
      .updateTable('messages')
      .set({ body: '', mentions: null, new_mentions: null })
      .where('relates_to', 'in', messageIds)
      .where('kind', '=', 'edit')
      .execute();
    await trx
      .updateTable('messages')
      .set({ body: '', mentions: null, reply_to: null, edit_id: null, deleted_at: deletedAt, attachments: null })
      .where('id', 'in', messageIds)
      .execute();
    await trx.deleteFrom('reactions').where('message_id', 'in', messageIds).execute();
    await this.searchIndex.remove(trx, messageIds);
  }

  /**
   * Erases every chat message `sender` sent (a deleted account's, on request) as a delete does:
   * text, earlier texts, mentions and reactions go, each row stays as a tombstone with its id. A
   * scan by sender: it runs once per deleted account, and no index on sender is worth its cost on
   * every send. The ids of the messages erased.
   */
  async eraseTextOf(trx: Executor, sender: string, at: string): Promise<number[]> {
    const sent = await trx
      .selectFrom('messages')
      .select('id')
      .where('sender', '=', sender)
      .where('kind', '=', 'message')
      .where('deleted_at', 'is', null)
      .execute();
    const ids = sent.map(({ id }) => id);
    for (let start = 0; start < ids.length; start += ERASE_BATCH) await this.erase(trx, ids.slice(start, start + ERASE_BATCH), at);
    return ids;
  }

  /**
   * Looks at the `limit` entries after `afterId`, in id order, up to the first one sent at or after
   * `before` (ids follow sending order, so what lies beyond it is younger): `erased` lists the chat
   * messages among them not erased yet. Reads by the primary key only, so a step costs the same
   * however long the history.
   */
  async expiring(db: Executor, afterId: number, before: string, limit: number): Promise<ExpiryStep> {
    const entries = await db
      .selectFrom('messages')
      .select(['id', 'kind', 'created_at', 'deleted_at'])
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
    const step: ExpiryStep = { walkedTo: afterId, erased: [], done: entries.length < limit };
    for (const entry of entries) {
      if (entry.created_at >= before) return { ...step, done: true };
      if (entry.kind === 'message' && entry.deleted_at === null) step.erased.push(entry.id);
      step.walkedTo = entry.id;
    }
    return step;
  }

  /** Erases, as a delete does, those of `ids` not erased yet; the ids erased. */
  async eraseLive(trx: Executor, ids: number[], at: string): Promise<number[]> {
    if (ids.length === 0) return [];
    const live = await trx.selectFrom('messages').select('id').where('id', 'in', ids).where('deleted_at', 'is', null).orderBy('id').execute();
    const erased = live.map(({ id }) => id);
    await this.erase(trx, erased, at);
    return erased;
  }
}
