import { Inject, Injectable } from '@nestjs/common';
import { ANNOUNCEMENT_RECIPIENT, ChatMessage } from '@chatroom/shared';
import { SelectQueryBuilder, sql } from 'kysely';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { Executor } from '../storage/executor';
import { PreparedQuery } from '../storage/prepared-query';
import { DATABASE, Database, DatabaseSchema } from '../storage/schema';
import { QueryShapes } from './query-shapes';
import { TimelineRow, toChatMessage } from './timeline-message';

/** Rooms the reader belongs to, split by whether the whole range asked for is inside their membership. */
export interface RoomVisibility {
  /** Rooms where every message after the requested id is visible. */
  open: string[];
  /** Rooms where only messages with ids from `fromId` to `toId` (inclusive) are visible. */
  bounded: { roomId: string; fromId: number; toId: number | null }[];
}

/** A conversation and the id after which its messages count (read marker, or the reader's joining). */
export interface UnreadRange {
  conversation: string;
  afterId: number;
}

/**
 * Reads the `messages` and `direct_conversations` tables, and answers in the shape callers use.
 * Writing is TimelineService.transaction's alone (through TimelineWriter).
 */
@Injectable()
export class TimelineRepository {
  // Sending and polling run these thousands of times a second: build and compile them once.
  private readonly selectByClientId = new PreparedQuery((sender: string, clientId: string) =>
    this.selectMessages().where('sender', '=', sender).where('client_id', '=', clientId),
  );
  private readonly selectDirectConversations = new PreparedQuery((username: string) =>
    this.db.selectFrom('direct_conversations').select('conversation').where('username', '=', username),
  );
  /** Polls by the shape of the reader's rooms: the number of open rooms and of bounded ones. */
  private readonly visibleQueries = new QueryShapes<TimelineRow>();
  /** Unread counts and last messages by the number of conversations asked about. */
  private readonly unreadQueries = new QueryShapes<{ part: number; unread: number | string | bigint }>();
  private readonly lastQueries = new QueryShapes<TimelineRow>();

  private readonly onPostgres: boolean;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.onPostgres = config.database.driver === 'postgres';
  }

  /** The id of the newest message stored. */
  async lastId(db: Executor = this.db): Promise<number> {
    const row = await db.selectFrom('messages').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
    return row?.id ?? 0;
  }

  /** Keys of the DMs `username` takes part in. */
  async directConversationsOf(username: string): Promise<string[]> {
    const rows = await this.selectDirectConversations.execute(this.db, username);
    return rows.map((row) => row.conversation);
  }

  async findByClientId(sender: string, clientId: string): Promise<ChatMessage | undefined> {
    const [row] = await this.selectByClientId.execute(this.db, sender, clientId);
    return row && toChatMessage(row);
  }

  /** The latest announcement; pass the transaction when appending depends on it. */
  async latestAnnouncement(db: Executor = this.db): Promise<ChatMessage | undefined> {
    const row = await db
      .selectFrom('messages')
      .selectAll()
      .where('conversation', '=', ANNOUNCEMENT_RECIPIENT)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && toChatMessage(row);
  }

  /**
   * Messages `reader` may see with ids above `afterId`, oldest first: announcements, their rooms'
   * messages and the messages of their direct conversations (listed in direct_conversations). Each
   * part is a range scan of messages_conversation_id from `afterId`, per conversation, so the cost
   * follows what is new, not how much history is stored. One statement reads one snapshot: parts
   * read apart could each miss a different concurrent commit, and a poller resuming after the
   * newest would skip the other one for good.
   */
  async visibleAfter(reader: string, afterId: number, limit: number, rooms: RoomVisibility): Promise<ChatMessage[]> {
    const [openCount, boundedCount] = [rooms.open.length, rooms.bounded.length];
    const query = this.visibleQueries.for(`${openCount}:${boundedCount}`, (args) =>
      this.onPostgres ? this.buildVisibleAfterLateral(args, openCount, boundedCount) : this.buildVisibleAfter(args, openCount, boundedCount),
    );
    const bounded = rooms.bounded.flatMap((room) => [room.roomId, room.fromId, room.toId ?? Number.MAX_SAFE_INTEGER]);
    return (await query.execute(this.db, reader, afterId, limit, ...rooms.open, ...bounded)).map(toChatMessage);
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
    return unionOfParts(
      this.db,
      parts.map((part) => part.where('id', '>', afterId).orderBy('id').limit(limit)),
    )
      .orderBy('id')
      .limit(limit);
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
  async page(conversation: string, fromId: number, beforeId: number, limit: number): Promise<ChatMessage[]> {
    const rows = await this.selectMessages()
      .where('conversation', '=', conversation)
      .where('id', '>=', fromId)
      .where('id', '<', beforeId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.reverse().map(toChatMessage);
  }

  /** One conversation's messages with ids above `afterId` and up to `toId` (inclusive; null: no upper bound), the oldest `limit` of them. */
  async pageForward(conversation: string, afterId: number, toId: number | null, limit: number): Promise<ChatMessage[]> {
    let query = this.selectMessages().where('conversation', '=', conversation).where('id', '>', afterId);
    if (toId !== null) query = query.where('id', '<=', toId);
    const rows = await query.orderBy('id').limit(limit).execute();
    return rows.map(toChatMessage);
  }

  /** The newest message of a conversation with an id from `fromId` to `toId` (inclusive; null: no upper bound). */
  async lastInConversation(conversation: string, fromId: number, toId: number | null): Promise<ChatMessage | undefined> {
    let query = this.selectMessages().where('conversation', '=', conversation).where('id', '>=', fromId);
    if (toId !== null) query = query.where('id', '<=', toId);
    const row = await query.orderBy('id', 'desc').limit(1).executeTakeFirst();
    return row && toChatMessage(row);
  }

  /**
   * The newest message of each conversation from its `fromId` on, in one statement: each part is one
   * step down messages_conversation_id. Conversations without one are left out.
   */
  async lastInConversations(conversations: { conversation: string; fromId: number }[]): Promise<Map<string, ChatMessage>> {
    const last = new Map<string, ChatMessage>();
    if (conversations.length === 0) return last;
    const query = this.lastQueries.for(String(conversations.length), (args) =>
      unionOfParts(
        this.db,
        pairs(args, conversations.length).map(([conversation, fromId]) =>
          this.selectMessages().where('conversation', '=', conversation).where('id', '>=', fromId).orderBy('id', 'desc').limit(1),
        ),
      ),
    );
    const rows = await query.execute(this.db, ...conversations.flatMap((c) => [c.conversation, c.fromId]));
    for (const row of rows) last.set(row.conversation, toChatMessage(row));
    return last;
  }

  /**
   * Chat messages from others after each range's `afterId`, per conversation, in one statement.
   * Each conversation is counted up to `cap` only, so a long-unread one costs no more than that;
   * conversations with none are left out.
   */
  async countUnread(reader: string, ranges: UnreadRange[], cap: number): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (ranges.length === 0) return counts;
    const query = this.unreadQueries.for(String(ranges.length), (args) => {
      const [readerArg, capArg] = args as [string, number];
      // Counted part by part (a group by over their union sorted every row): `part` says which.
      return pairs(args.slice(2), ranges.length).map(([conversation, afterId], index) =>
        this.db
          .selectFrom(
            this.db
              .selectFrom('messages')
              .select('id')
              .where('conversation', '=', conversation)
              .where('id', '>', afterId)
              .where('sender', '!=', readerArg)
              .where('kind', '=', 'message')
              .limit(capArg)
              .as(`part${index}`),
          )
          .select((eb) => [sql.lit(index).as('part'), eb.fn.countAll().as('unread')]),
      ).reduce((union, part) => union.unionAll(part));
    });
    const rows = await query.execute(this.db, reader, cap, ...ranges.flatMap((range) => [range.conversation, range.afterId]));
    for (const row of rows) {
      const unread = Number(row.unread);
      const range = ranges[row.part];
      if (unread > 0 && range) counts.set(range.conversation, unread);
    }
    return counts;
  }

  selectMessages() {
    return this.db.selectFrom('messages').selectAll();
  }
}

type MessagesQuery = ReturnType<TimelineRepository['selectMessages']>;

/** `args` of a visibleAfter query: reader, afterId, limit, the open room ids, then (room id, from id, to id) per bounded room. */
function visibleAfterArgs(args: unknown[], openCount: number, boundedCount: number) {
  const [reader, afterId, limit] = args as [string, number, number];
  const open = args.slice(3, 3 + openCount) as string[];
  const bounded = Array.from({ length: boundedCount }, (_, index) => args.slice(3 + openCount + 3 * index) as [string, number, number]);
  return { reader, afterId, limit, open, bounded };
}

/** `args` as `count` (conversation, number) pairs. */
function pairs(args: unknown[], count: number): [string, number][] {
  return Array.from({ length: count }, (_, index) => [args[2 * index], args[2 * index + 1]] as [string, number]);
}

/**
 * `union all` of queries that each need their own `order by`/`limit`: both databases take those
 * only on a subquery, so each part is wrapped in one.
 */
function unionOfParts<Row>(db: Database, parts: SelectQueryBuilder<DatabaseSchema, 'messages', Row>[]) {
  return parts.map((part, index) => db.selectFrom(part.as(`part${index}`)).selectAll()).reduce((query, part) => query.unionAll(part));
}
