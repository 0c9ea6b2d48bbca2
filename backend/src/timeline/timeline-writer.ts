import { Inject, Injectable } from '@nestjs/common';
import type { Executor } from '../storage/executor';
import { PreparedQuery } from '../storage/prepared-query';
import { DATABASE, Database } from '../storage/schema';
import { conversationKey, NewTimelineMessage, TimelineRow } from './timeline-message';

/**
 * Writes to the `messages` and `direct_conversations` tables. Provided to TimelineService only and
 * not exported from the module: every message goes in through TimelineService.transaction, which
 * numbers it inside the transaction and publishes it after the commit.
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
  private readonly insertMessage = new PreparedQuery(
    (id: number, kind: string, sender: string, recipient: string, conversation: string, body: string, clientId: string | null, createdAt: string) =>
      this.db.insertInto('messages').values({ id, kind, sender, recipient, conversation, body, client_id: clientId, created_at: createdAt }),
  );

  constructor(@Inject(DATABASE) private readonly db: Database) {}

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
      conversation: conversationKey(message.sender, message.recipient),
      body: message.body,
      client_id: message.clientId ?? null,
      created_at: createdAt,
      erased_at: null,
    };
    await this.insertMessage.execute(trx, row.id, row.kind, row.sender, row.recipient, row.conversation, row.body, row.client_id, row.created_at);
    return row;
  }

  async addDirectParticipants(trx: Executor, conversation: string, usernames: string[]): Promise<void> {
    await trx
      .insertInto('direct_conversations')
      .values([...new Set(usernames)].map((username) => ({ username, conversation })))
      .onConflict((oc) => oc.columns(['username', 'conversation']).doNothing())
      .execute();
  }

  /**
   * Erases the text of every chat message `sender` sent (a deleted account's, on request): the body
   * becomes empty and `erased_at` marks it, in place, so ids, conversations and unread counts stay.
   * A scan by sender: it runs once per deleted account, and no index on sender is worth its cost on
   * every send. The number of messages erased.
   */
  async eraseTextOf(trx: Executor, sender: string, at: string): Promise<number> {
    const result = await trx
      .updateTable('messages')
      .set({ body: '', erased_at: at })
      .where('sender', '=', sender)
      .where('kind', '=', 'message')
      .where('erased_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}
