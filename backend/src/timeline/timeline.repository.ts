import { Inject, Injectable } from '@nestjs/common';
import { ANNOUNCEMENT_RECIPIENT } from '@chatroom/shared';
import { sql } from 'kysely';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { Executor } from '../storage/executor';
import { PreparedQuery } from '../storage/prepared-query';
import { DATABASE, Database } from '../storage/schema';
import { conversationKey, NewTimelineMessage, TimelineRow } from './timeline-message';

/** Rooms the reader belongs to, split by whether the whole range asked for is inside their membership. */
export interface RoomVisibility {
  /** Rooms where every message after the requested id is visible. */
  open: string[];
  /** Rooms where only messages with ids from `fromId` to `toId` (inclusive) are visible. */
  bounded: { roomId: string; fromId: number; toId: number | null }[];
}

/** Owns the `messages` and `direct_conversations` tables. */
@Injectable()
export class TimelineRepository {
  // Sending and polling run these thousands of times a second: build and compile them once.
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
  private readonly selectByClientId = new PreparedQuery((sender: string, clientId: string) =>
    this.selectMessages().where('sender', '=', sender).where('client_id', '=', clientId),
  );
  /** Polls by the shape of the reader's rooms: the number of open rooms and of bounded ones. */
  private readonly visibleQueries = new Map<string, PreparedQuery<unknown[], TimelineRow>>();

  private readonly onPostgres: boolean;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.onPostgres = config.database.driver === 'postgres';
  }

  /**
   * Takes the next message id from the counter row, for several instances sharing PostgreSQL: the
   * row stays locked until the transaction ends, so ids are handed out and committed in the same
   * order and none is skipped by a poller.
   */
  async nextId(trx: Executor): Promise<number> {
    const [row] = await this.takeNextId.execute(trx);
    return Number(row!.value);
  }

  /** The id of the newest message stored. */
  async lastId(db: Executor): Promise<number> {
    const row = await db.selectFrom('messages').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
    return Number(row?.id ?? 0);
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

  async directConversationsOf(username: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('direct_conversations')
      .select('conversation')
      .where('username', '=', username)
      .execute();
    return rows.map((row) => row.conversation);
  }

  async findByClientId(sender: string, clientId: string): Promise<TimelineRow | undefined> {
    const [row] = await this.selectByClientId.execute(this.db, sender, clientId);
    return row;
  }

  async latestAnnouncement(db: Executor = this.db): Promise<TimelineRow | undefined> {
    return db
      .selectFrom('messages')
      .selectAll()
      .where('conversation', '=', ANNOUNCEMENT_RECIPIENT)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /**
   * Messages `reader` may see with ids above `afterId`, oldest first: announcements, their rooms'
   * messages and the messages of their direct conversations (listed in direct_conversations). Each
   * part is a range scan of messages_conversation_id from `afterId`, per conversation, so the cost
   * follows what is new, not how much history is stored. One statement reads one snapshot: parts
   * read apart could each miss a different concurrent commit, and a poller resuming after the
   * newest would skip the other one for good.
   */
  async visibleAfter(reader: string, afterId: number, limit: number, rooms: RoomVisibility): Promise<TimelineRow[]> {
    const shape = `${rooms.open.length}:${rooms.bounded.length}`;
    let query = this.visibleQueries.get(shape);
    if (!query) {
      const [openCount, boundedCount] = [rooms.open.length, rooms.bounded.length];
      query = new PreparedQuery<unknown[], TimelineRow>((...args: unknown[]) =>
        this.onPostgres
          ? this.buildVisibleAfterLateral(args, openCount, boundedCount)
          : this.buildVisibleAfter(args, openCount, boundedCount),
      );
      if (this.visibleQueries.size >= VISIBLE_QUERY_SHAPES_MAX) this.visibleQueries.clear();
      this.visibleQueries.set(shape, query);
    }
    const bounded = rooms.bounded.flatMap((room) => [room.roomId, room.fromId, room.toId ?? Number.MAX_SAFE_INTEGER]);
    return query.execute(this.db, reader, afterId, limit, ...rooms.open, ...bounded);
  }

  /** The SQL depends only on how many rooms of each kind the reader has (see visibleAfterArgs). */
  private buildVisibleAfter(args: unknown[], openCount: number, boundedCount: number) {
    const { reader, afterId, limit, open, bounded } = visibleAfterArgs(args, openCount, boundedCount);
    const parts: MessagesQuery[] = [
      this.selectMessages().where('conversation', 'in', [ANNOUNCEMENT_RECIPIENT, ...open]),
      this.selectMessages().where('conversation', 'in', (eb) =>
        eb.selectFrom('direct_conversations').select('conversation').where('username', '=', reader),
      ),
      ...bounded.map(([roomId, fromId, toId]) =>
        this.selectMessages().where('conversation', '=', roomId).where('id', '>=', fromId).where('id', '<=', toId),
      ),
    ];
    const [first, ...rest] = parts.map((part, index) =>
      this.db.selectFrom(part.where('id', '>', afterId).orderBy('id').limit(limit).as(`part${index}`)).selectAll(),
    );
    return rest.reduce((query, part) => query.unionAll(part), first!).orderBy('id').limit(limit);
  }

  /**
   * The same rows, for PostgreSQL: its planner takes `conversation in (...) order by id limit n` for
   * a walk of the whole table in id order whenever it expects the conversations to be common, which
   * took 39-115 ms at 10^6 messages for a poll from far back (a probe; 1-3 ms this way). Here each conversation is read on its own, at most `limit` rows from `afterId`, so the
   * cost is bounded by the reader's conversations, never by the table.
   */
  private buildVisibleAfterLateral(args: unknown[], openCount: number, boundedCount: number) {
    const { reader, afterId, limit, open, bounded } = visibleAfterArgs(args, openCount, boundedCount);
    const listed = sql.join([ANNOUNCEMENT_RECIPIENT, ...open].map((conversation) => sql`(${conversation})`));
    const parts = [
      sql`select m.* from (select conversation from direct_conversations where username = ${reader} union all values ${listed}) as c
        cross join lateral (select * from messages where conversation = c.conversation and id > ${afterId} order by id limit ${limit}) as m`,
      ...bounded.map(
        ([roomId, fromId, toId]) =>
          sql`(select * from messages where conversation = ${roomId} and id >= ${fromId} and id <= ${toId} and id > ${afterId} order by id limit ${limit})`,
      ),
    ];
    return this.db
      .selectFrom(sql<TimelineRow>`(${sql.join(parts, sql` union all `)})`.as('visible'))
      .selectAll()
      .orderBy('id')
      .limit(limit);
  }

  /** One conversation's messages with ids in [fromId, beforeId), the newest `limit` of them, oldest first. */
  async page(conversation: string, fromId: number, beforeId: number, limit: number): Promise<TimelineRow[]> {
    const rows = await this.selectMessages()
      .where('conversation', '=', conversation)
      .where('id', '>=', fromId)
      .where('id', '<', beforeId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.reverse();
  }

  async lastInConversation(conversation: string, fromId: number, toId: number | null): Promise<TimelineRow | undefined> {
    let query = this.selectMessages().where('conversation', '=', conversation).where('id', '>=', fromId);
    if (toId !== null) query = query.where('id', '<=', toId);
    return query.orderBy('id', 'desc').limit(1).executeTakeFirst();
  }

  /** Chat messages from others after `afterId`, counted up to `cap` so a long-unread conversation stays cheap. */
  async countUnread(conversation: string, reader: string, afterId: number, cap: number): Promise<number> {
    const rows = await this.db
      .selectFrom('messages')
      .select('id')
      .where('conversation', '=', conversation)
      .where('id', '>', afterId)
      .where('sender', '!=', reader)
      .where('kind', '=', 'message')
      .limit(cap)
      .execute();
    return rows.length;
  }

  selectMessages() {
    return this.db.selectFrom('messages').selectAll();
  }
}

type MessagesQuery = ReturnType<TimelineRepository['selectMessages']>;

const VISIBLE_QUERY_SHAPES_MAX = 200;

/** `args` of a visibleAfter query: reader, afterId, limit, the open room ids, then (room id, from id, to id) per bounded room. */
function visibleAfterArgs(args: unknown[], openCount: number, boundedCount: number) {
  const [reader, afterId, limit] = args as [string, number, number];
  const open = args.slice(3, 3 + openCount) as string[];
  const bounded = Array.from({ length: boundedCount }, (_, index) => args.slice(3 + openCount + 3 * index) as [string, number, number]);
  return { reader, afterId, limit, open, bounded };
}
