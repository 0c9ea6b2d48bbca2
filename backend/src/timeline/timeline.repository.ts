import { Inject, Injectable } from '@nestjs/common';
import { ANNOUNCEMENT_RECIPIENT, ChatMessage, CurrentMessage, excerptOf, Reaction, ReplyPreview, Revision } from '@chatroom/shared';
import { ExpressionBuilder, SelectQueryBuilder, sql } from 'kysely';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { Executor } from '../storage/executor';
import { PreparedQuery } from '../storage/prepared-query';
import { DATABASE, Database, DatabaseSchema } from '../storage/schema';
import { QueryShapes } from './query-shapes';
import { namesOf, TimelineRow, toChatMessage } from './timeline-message';

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

/** Of one conversation: unread messages from others, and unread mentions of the reader. */
export interface UnreadCounts {
  messages: number;
  mentions: number;
}

/**
 * Reads the `messages`, `direct_conversations`, `reactions` and `mentions` tables, and answers in
 * the shape callers use: timeline entries as /messages delivers them, or messages in their current
 * state (edits, deletes and reactions folded in).
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
  private readonly unreadQueries = new QueryShapes<{ conversation: string; messages: number | string | bigint | null; mentions: number | string | bigint | null }>();
  private readonly selectRow = new PreparedQuery((id: number) => this.selectMessages().where('id', '=', id));
  private readonly selectReaction = new PreparedQuery((messageId: number, emoji: string, username: string) =>
    this.db.selectFrom('reactions').select('entry_id').where('message_id', '=', messageId).where('emoji', '=', emoji).where('username', '=', username),
  );
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

  /** The entry `sender` wrote with `clientId`; pass the transaction when appending depends on it. */
  async findByClientId(sender: string, clientId: string, db: Executor = this.db): Promise<ChatMessage | undefined> {
    const [entry] = await this.entries(await this.selectByClientId.execute(db, sender, clientId), db);
    return entry;
  }

  /** Any entry's row, by id. */
  async row(id: number, db: Executor = this.db): Promise<TimelineRow | undefined> {
    const [row] = await this.selectRow.execute(db, id);
    return row;
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
    return this.entries(await query.execute(this.db, reader, afterId, limit, ...rooms.open, ...bounded));
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

  /**
   * One conversation's messages, events and announcements with ids in [fromId, beforeId), the
   * newest `limit` of them, oldest first, in their state as of `seenUntil` (see stateOf).
   */
  async page(conversation: string, fromId: number, beforeId: number, limit: number, seenUntil: number | null): Promise<CurrentMessage[]> {
    const rows = await this.selectMessages()
      .where('conversation', '=', conversation)
      .where('id', '>=', fromId)
      .where('id', '<', beforeId)
      .where('relates_to', 'is', null)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return this.states(rows.reverse(), seenUntil);
  }

  /**
   * One conversation's messages, events and announcements with ids from `fromId` to `toId`
   * (inclusive; null: no upper bound), the oldest `limit` of them, oldest first, in their state as
   * of `toId` (see stateOf).
   */
  async pageFrom(conversation: string, fromId: number, toId: number | null, limit: number): Promise<CurrentMessage[]> {
    let query = this.selectMessages().where('conversation', '=', conversation).where('id', '>=', fromId).where('relates_to', 'is', null);
    if (toId !== null) query = query.where('id', '<=', toId);
    const rows = await query.orderBy('id').limit(limit).execute();
    return this.states(rows, toId);
  }

  /**
   * Whether one conversation has a message, event or announcement with an id from `fromId` to
   * `toId` (inclusive; null: no upper bound): a look at ids only, for "is there more".
   */
  async hasEntry(conversation: string, fromId: number, toId: number | null): Promise<boolean> {
    let query = this.db.selectFrom('messages').select('id').where('conversation', '=', conversation).where('id', '>=', fromId).where('relates_to', 'is', null);
    if (toId !== null) query = query.where('id', '<=', toId);
    return (await query.limit(1).executeTakeFirst()) !== undefined;
  }

  /** One conversation's messages with ids above `afterId` and up to `toId` (inclusive; null: no upper bound), the oldest `limit` of them. */
  async pageForward(conversation: string, afterId: number, toId: number | null, limit: number): Promise<ChatMessage[]> {
    let query = this.selectMessages().where('conversation', '=', conversation).where('id', '>', afterId);
    if (toId !== null) query = query.where('id', '<=', toId);
    const rows = await query.orderBy('id').limit(limit).execute();
    return rows.map((row) => toChatMessage(row));
  }

  /** The newest entry of any kind in a conversation with an id from `fromId` to `toId` (inclusive; null: no upper bound). */
  async lastInConversation(conversation: string, fromId: number, toId: number | null): Promise<ChatMessage | undefined> {
    let query = this.selectMessages().where('conversation', '=', conversation).where('id', '>=', fromId);
    if (toId !== null) query = query.where('id', '<=', toId);
    const row = await query.orderBy('id', 'desc').limit(1).executeTakeFirst();
    return row && toChatMessage(row);
  }

  /**
   * The newest message, event or announcement of each conversation from its `fromId` on, in its
   * current state, in one statement: each part steps down messages_conversation_id past the edits,
   * deletes and reactions. Conversations without one are left out.
   */
  async lastInConversations(conversations: { conversation: string; fromId: number }[]): Promise<Map<string, CurrentMessage>> {
    const last = new Map<string, CurrentMessage>();
    for (const chunk of chunks(conversations, PARTS_MAX)) await this.lastInEach(chunk, last);
    return last;
  }

  private async lastInEach(conversations: { conversation: string; fromId: number }[], last: Map<string, CurrentMessage>): Promise<void> {
    if (conversations.length === 0) return;
    const query = this.lastQueries.for(String(conversations.length), (args) =>
      unionOfParts(
        this.db,
        pairs(args, conversations.length).map(([conversation, fromId]) =>
          this.selectMessages()
            .where('conversation', '=', conversation)
            .where('id', '>=', fromId)
            .where('relates_to', 'is', null)
            .orderBy('id', 'desc')
            .limit(1),
        ),
      ),
    );
    const rows = await query.execute(this.db, ...conversations.flatMap((c) => [c.conversation, c.fromId]));
    const states = await this.states(rows, null);
    rows.forEach((row, index) => {
      const state = states[index];
      if (state) last.set(row.conversation, state);
    });
  }

  /** A message, event or announcement in its current state; undefined for an unknown id or an edit, delete or reaction. */
  async current(id: number): Promise<CurrentMessage | undefined> {
    const row = await this.row(id);
    return row && row.relates_to === null ? this.stateOf(row, null) : undefined;
  }

  /**
   * A message row read already, in its state as of `seenUntil`: with the edits and reactions made
   * up to that id (a reader who has left its room sees it as it was when they left), or all of
   * them when null. A deletion shows whenever it was made: the text is gone.
   */
  async stateOf(row: TimelineRow, seenUntil: number | null): Promise<CurrentMessage> {
    const [state] = await this.states([row], seenUntil);
    if (!state) throw new Error(`No state for message ${row.id}`);
    return state;
  }

  /** The text a message shows now: its latest edit's, else its own. */
  async currentText(row: TimelineRow, db: Executor = this.db): Promise<string> {
    if (row.edit_id === null) return row.body;
    return (await this.row(row.edit_id, db))?.body ?? row.body;
  }

  /** Every text the message has had up to `seenUntil` (null: all), oldest first. */
  async revisions(id: number, seenUntil: number | null): Promise<Revision[]> {
    const rows = await this.db
      .selectFrom('messages')
      .select(['id', 'body', 'created_at', 'relates_to'])
      .where((eb) => eb.or([eb('id', '=', id), eb.and([eb('relates_to', '=', id), eb('kind', '=', 'edit')])]))
      .where('id', '<=', seenUntil ?? Number.MAX_SAFE_INTEGER)
      .orderBy('id')
      .execute();
    return rows.map((row) => ({ message: row.body, edited_at: row.relates_to === null ? null : row.created_at }));
  }

  /** Everyone any text of the message (the original or an edit) has mentioned. */
  async mentionedByRevisions(id: number, db: Executor = this.db): Promise<Set<string>> {
    const rows = await db
      .selectFrom('messages')
      .select('mentions')
      .where((eb) => eb.or([eb('id', '=', id), eb.and([eb('relates_to', '=', id), eb('kind', '=', 'edit')])]))
      .execute();
    return new Set(rows.flatMap((row) => namesOf(row.mentions)));
  }

  /** Whether `username` has put `emoji` on the message. */
  async hasReaction(messageId: number, emoji: string, username: string, db: Executor = this.db): Promise<boolean> {
    const [row] = await this.selectReaction.execute(db, messageId, emoji, username);
    return row !== undefined;
  }

  /** The different emoji on a message now. */
  async emojiOn(messageId: number, db: Executor = this.db): Promise<Set<string>> {
    const rows = await db.selectFrom('reactions').select('emoji').distinct().where('message_id', '=', messageId).execute();
    return new Set(rows.map((row) => row.emoji));
  }

  /** Rows in their state as of `seenUntil` (see stateOf), in the same order; edits, reactions and replies' originals read in one batch each. */
  async states(rows: TimelineRow[], seenUntil: number | null): Promise<CurrentMessage[]> {
    const live = rows.filter((row) => row.kind === 'message' && row.deleted_at === null);
    const [edits, reactions, previews] = await Promise.all([
      this.latestEdits(live, seenUntil),
      seenUntil === null ? this.reactionsNow(live.map((row) => row.id)) : this.reactionsUntil(live.map((row) => row.id), seenUntil),
      this.previews(rows, seenUntil ?? 'now'),
    ]);
    return rows.map((row): CurrentMessage => {
      const entry = toChatMessage(row, previews.get(row.id));
      const edit = edits.get(row.id);
      return {
        ...entry,
        message: edit?.body ?? row.body,
        edited_at: edit?.created_at ?? null,
        deleted: row.deleted_at !== null,
        reactions: reactions.get(row.id) ?? [],
        reply_to: entry.reply_to ?? null,
        mentions: edit ? namesOf(edit.mentions) : (entry.mentions ?? []),
      };
    });
  }

  /** Each message's latest edit up to `seenUntil` (null: its latest, which the message row points to). */
  private async latestEdits(rows: TimelineRow[], seenUntil: number | null): Promise<Map<number, Pick<TimelineRow, 'relates_to' | 'body' | 'created_at' | 'mentions'>>> {
    const query = this.db.selectFrom('messages as e').select(['e.relates_to', 'e.body', 'e.created_at', 'e.mentions']);
    let found: Pick<TimelineRow, 'relates_to' | 'body' | 'created_at' | 'mentions'>[] = [];
    if (seenUntil === null) {
      const editIds = rows.flatMap((row) => (row.edit_id === null ? [] : [row.edit_id]));
      if (editIds.length > 0) found = await query.where('e.id', 'in', editIds).execute();
    } else if (rows.length > 0) {
      found = await query
        .where('e.kind', '=', 'edit')
        .where('e.relates_to', 'in', rows.map((row) => row.id))
        .where('e.id', '<=', seenUntil)
        .orderBy('e.id')
        .execute();
    }
    // In id order: the last one of each message wins.
    return new Map(found.map((edit) => [edit.relates_to ?? 0, edit]));
  }

  /** Each message's reactions now, emoji in the order of first use, users in the order they reacted. */
  private async reactionsNow(messageIds: number[]): Promise<Map<number, Reaction[]>> {
    if (messageIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('reactions')
      .select(['message_id', 'emoji', 'username'])
      .where('message_id', 'in', messageIds)
      .orderBy('first_entry_id')
      .orderBy('entry_id')
      .execute();
    return groupReactions(rows);
  }

  /** Each message's reactions as they stood at `seenUntil`, replayed from its reaction entries up to it. */
  private async reactionsUntil(messageIds: number[], seenUntil: number): Promise<Map<number, Reaction[]>> {
    if (messageIds.length === 0) return new Map();
    const entries = await this.db
      .selectFrom('messages')
      .select(['id', 'relates_to', 'body', 'sender', 'removed'])
      .where('kind', '=', 'reaction')
      .where('relates_to', 'in', messageIds)
      .where('id', '<=', seenUntil)
      .orderBy('id')
      .execute();
    // As the reactions table keeps them: each user's reaction with the entry that added it, and
    // each emoji with the entry that put it there, for as long as anyone keeps it there.
    const standing = new Map<string, { message_id: number; emoji: string; username: string; entry_id: number }>();
    const emojiSince = new Map<string, { since: number; users: number }>();
    for (const entry of entries) {
      const messageId = entry.relates_to ?? 0;
      const key = JSON.stringify([messageId, entry.body, entry.sender]);
      const emojiKey = JSON.stringify([messageId, entry.body]);
      const emoji = emojiSince.get(emojiKey);
      if (entry.removed === 1 && standing.delete(key) && emoji) {
        if (--emoji.users === 0) emojiSince.delete(emojiKey);
      } else if (entry.removed !== 1 && !standing.has(key)) {
        standing.set(key, { message_id: messageId, emoji: entry.body, username: entry.sender, entry_id: entry.id });
        if (emoji) emoji.users++;
        else emojiSince.set(emojiKey, { since: entry.id, users: 1 });
      }
    }
    const since = (row: { message_id: number; emoji: string }) => emojiSince.get(JSON.stringify([row.message_id, row.emoji]))?.since ?? 0;
    return groupReactions([...standing.values()].sort((a, b) => since(a) - since(b) || a.entry_id - b.entry_id));
  }

  /**
   * Each reply's preview of the message it answers, by the reply's id: that message with its
   * latest edit up to `asOf` ('now': all of them; 'reply': those made before the reply). A deleted
   * one shows as deleted whenever that was: its text is gone.
   */
  private async previews(rows: TimelineRow[], asOf: number | 'now' | 'reply', db: Executor = this.db): Promise<Map<number, ReplyPreview>> {
    const previews = new Map<number, ReplyPreview>();
    const replyIds = rows.flatMap((row) => (row.reply_to === null ? [] : [row.id]));
    if (replyIds.length === 0) return previews;
    const found = await db
      .selectFrom('messages as r')
      .innerJoin('messages as o', 'o.id', 'r.reply_to')
      .select((eb) => {
        let edit = eb.selectFrom('messages as e').select('e.body').where('e.relates_to', '=', eb.ref('o.id')).where('e.kind', '=', 'edit');
        if (asOf === 'reply') edit = edit.where('e.id', '<', eb.ref('r.id'));
        else if (asOf !== 'now') edit = edit.where('e.id', '<=', asOf);
        return ['r.id as reply', 'o.id', 'o.sender', 'o.body', 'o.deleted_at', edit.orderBy('e.id', 'desc').limit(1).as('edited')];
      })
      .where('r.id', 'in', replyIds)
      .execute();
    for (const original of found) {
      previews.set(original.reply, { id: original.id, sender: original.sender, excerpt: excerptOf(original.edited ?? original.body), deleted: original.deleted_at !== null });
    }
    return previews;
  }

  /** Rows as timeline entries: a reply quotes the message it answers as it was when the reply was written. */
  private async entries(rows: TimelineRow[], db: Executor = this.db): Promise<ChatMessage[]> {
    const previews = rows.some((row) => row.reply_to !== null) ? await this.previews(rows, 'reply', db) : undefined;
    return rows.map((row) => toChatMessage(row, previews?.get(row.id)));
  }

  /**
   * Per conversation, chat messages from others after each range's `afterId` (deleted ones not
   * counted) and mentions of the reader there, in one statement. Each is counted up to `cap` only,
   * so a long-unread conversation costs no more than that; conversations with neither are left out.
   */
  async countUnread(reader: string, ranges: UnreadRange[], cap: number): Promise<Map<string, UnreadCounts>> {
    const counts = new Map<string, UnreadCounts>();
    for (const chunk of chunks(ranges, PARTS_MAX / 2)) await this.countUnreadIn(reader, chunk, cap, counts);
    return counts;
  }

  /**
   * Nearly always fewer than `cap` entries follow a marker, and a plain count is exact then: one
   * statement counts those conversations so, and names the others (`messages` null), which a second
   * one counts up to `cap`. A LIMIT inside a count is a co-routine on SQLite, set up for every
   * conversation asked even where it is never reached, and cost more than the counting itself.
   */
  private async countUnreadIn(reader: string, ranges: UnreadRange[], cap: number, counts: Map<string, UnreadCounts>): Promise<void> {
    const plain = this.unreadQueries.for(`plain:${ranges.length}`, (args) => {
      const [readerArg, capArg] = args as [string, number];
      return this.askedFor(args.slice(2), ranges.length).select((eb) => {
        const beyondCap = eb
          .selectFrom('messages as later')
          .select('later.id')
          .whereRef('later.conversation', '=', 'asked.conversation')
          .whereRef('later.id', '>', 'asked.after_id')
          .orderBy('later.id')
          .limit(1)
          .offset(capArg);
        const unread = unreadMessages(eb, readerArg).select((inner) => inner.fn.countAll().as('count'));
        // Mentions are read from their own index alone: counted whole, then capped here.
        const mentions = unreadMentions(eb, readerArg).select((inner) => inner.fn.countAll().as('count'));
        return ['asked.conversation', sql<number | null>`case when (${beyondCap}) is null then (${unread}) end`.as('messages'), mentions.as('mentions')];
      });
    });
    const long = new Set<string>();
    for (const row of await plain.execute(this.db, reader, cap, ...ranges.flatMap((range) => [range.conversation, range.afterId]))) {
      if (row.messages === null) long.add(row.conversation);
      else record(counts, row.conversation, Number(row.messages), Math.min(cap, Number(row.mentions ?? 0)));
    }
    if (long.size === 0) return;
    const longRanges = ranges.filter((range) => long.has(range.conversation));
    const capped = this.unreadQueries.for(`capped:${longRanges.length}`, (args) => {
      const [readerArg, capArg] = args as [string, number];
      return this.askedFor(args.slice(2), longRanges.length).select((eb) => [
        'asked.conversation',
        eb
          .selectFrom(unreadMessages(eb, readerArg).select('messages.id').limit(capArg).as('unread_messages'))
          .select((inner) => inner.fn.countAll().as('count'))
          .as('messages'),
        eb
          .selectFrom(unreadMentions(eb, readerArg).select('mentions.entry_id').limit(capArg).as('unread_mentions'))
          .select((inner) => inner.fn.countAll().as('count'))
          .as('mentions'),
      ]);
    });
    for (const row of await capped.execute(this.db, reader, cap, ...longRanges.flatMap((range) => [range.conversation, range.afterId]))) {
      record(counts, row.conversation, Number(row.messages ?? 0), Number(row.mentions ?? 0));
    }
  }

  /** The conversations asked, with the id after which each counts: `args` holds their pairs. */
  private askedFor(args: unknown[], count: number) {
    // One row per conversation with its counts as subqueries: a union of one select per count made
    // SQLite run a co-routine each, and a group by over one select sorted every row.
    const rows = pairs(args, count).map(([conversation, afterId]) => sql`(${conversation}, cast(${afterId} as bigint))`);
    return this.db.with('asked(conversation, after_id)', () => sql<{ conversation: string; after_id: number }>`(values ${sql.join(rows)})`).selectFrom('asked');
  }

  selectMessages() {
    return this.db.selectFrom('messages').selectAll();
  }
}

type MessagesQuery = ReturnType<TimelineRepository['selectMessages']>;

/**
 * The most parts a statement made of one part per conversation takes: SQLite refuses a compound
 * select of more than 500 terms, so a reader with more conversations is answered in several.
 */
const PARTS_MAX = 400;

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));
}

/** `args` of a visibleAfter query: reader, afterId, limit, the open room ids, then (room id, from id, to id) per bounded room. */
function visibleAfterArgs(args: unknown[], openCount: number, boundedCount: number) {
  const [reader, afterId, limit] = args as [string, number, number];
  const open = args.slice(3, 3 + openCount) as string[];
  const bounded = Array.from({ length: boundedCount }, (_, index) => args.slice(3 + openCount + 3 * index) as [string, number, number]);
  return { reader, afterId, limit, open, bounded };
}

/** Keeps a conversation's counts when there is something to count. */
function record(counts: Map<string, UnreadCounts>, conversation: string, messages: number, mentions: number): void {
  if (messages > 0 || mentions > 0) counts.set(conversation, { messages, mentions });
}

/** The conversations asked about (TimelineRepository.askedFor), as a count's subquery sees them. */
type AskedExpressions = ExpressionBuilder<DatabaseSchema & { asked: { conversation: string; after_id: number } }, 'asked'>;

/** What /unread counts as unread messages in an asked conversation: chat messages from others after its range's id, deleted ones left out. */
function unreadMessages(eb: AskedExpressions, reader: string) {
  return eb
    .selectFrom('messages')
    .whereRef('messages.conversation', '=', 'asked.conversation')
    .whereRef('messages.id', '>', 'asked.after_id')
    .where('messages.sender', '!=', reader)
    .where('messages.kind', '=', 'message')
    .where('messages.deleted_at', 'is', null);
}

/** What /unread counts as unread mentions in an asked conversation: the reader's, after its range's id. */
function unreadMentions(eb: AskedExpressions, reader: string) {
  return eb
    .selectFrom('mentions')
    .where('mentions.username', '=', reader)
    .whereRef('mentions.conversation', '=', 'asked.conversation')
    .whereRef('mentions.entry_id', '>', 'asked.after_id');
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

/** Reaction rows, emoji by emoji in order of first use and each emoji's users in order, as each message's list. */
function groupReactions(rows: { message_id: number; emoji: string; username: string }[]): Map<number, Reaction[]> {
  const byMessage = new Map<number, Reaction[]>();
  for (const row of rows) {
    let reactions = byMessage.get(row.message_id);
    if (!reactions) byMessage.set(row.message_id, (reactions = []));
    const reaction = reactions.find((r) => r.emoji === row.emoji);
    if (reaction) reaction.users.push(row.username);
    else reactions.push({ emoji: row.emoji, users: [row.username] });
  }
  return byMessage;
}
