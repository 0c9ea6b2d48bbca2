import { Kysely, Migration, MigrationProvider, sql } from 'kysely';
import type { DatabaseConfig } from '../../config/app-config';
import { insertDocuments, searchDocument } from '../../timeline/search-document';

/** A migration runs against the schema as it was then, which the current Schema type does not describe. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySchema = Kysely<any>;

/**
 * Schema migrations, run in order at start-up on SQLite and PostgreSQL alike. Never edit a
 * migration that has shipped: add the next one.
 */
export function migrations(driver: DatabaseConfig['driver']): Record<string, Migration> {
  const serial = driver === 'postgres' ? sql`serial` : sql`integer`;
  const bigint = driver === 'postgres' ? 'bigint' : 'integer';
  const withAutoIncrement = driver === 'sqlite';

  return {
    '0001_initial': {
      async up(db: AnySchema) {
        await db.schema
          .createTable('users')
          .addColumn('id', serial, (c) => (withAutoIncrement ? c.primaryKey().autoIncrement() : c.primaryKey()))
          .addColumn('username', 'text', (c) => c.notNull())
          .addColumn('username_key', 'text', (c) => c.notNull().unique())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('sessions')
          .addColumn('token_hash', 'text', (c) => c.primaryKey())
          .addColumn('username', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('sessions_username').on('sessions').column('username').execute();

        await db.schema
          .createTable('rooms')
          .addColumn('id', serial, (c) => (withAutoIncrement ? c.primaryKey().autoIncrement() : c.primaryKey()))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('admin', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('room_members')
          .addColumn('room_id', 'text', (c) => c.notNull())
          .addColumn('username', 'text', (c) => c.notNull())
          .addColumn('from_id', bigint, (c) => c.notNull())
          .addColumn('to_id', bigint)
          .addColumn('joined_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('room_members_pk', ['room_id', 'username', 'from_id'])
          .execute();
        await db.schema.createIndex('room_members_username').on('room_members').columns(['username', 'room_id']).execute();

        await db.schema
          .createTable('messages')
          .addColumn('id', bigint, (c) => c.primaryKey())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('sender', 'text', (c) => c.notNull())
          .addColumn('recipient', 'text', (c) => c.notNull())
          .addColumn('conversation', 'text', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('client_id', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('messages_recipient_id').on('messages').columns(['recipient', 'id']).execute();
        await db.schema.createIndex('messages_sender_id').on('messages').columns(['sender', 'id']).execute();
        await db.schema.createIndex('messages_conversation_id').on('messages').columns(['conversation', 'id']).execute();
        await db.schema
          .createIndex('messages_sender_client_id')
          .on('messages')
          .columns(['sender', 'client_id'])
          .unique()
          .where(sql.ref('client_id'), 'is not', null)
          .execute();

        // A row per user and DM they take part in, written with the first message, so listing a
        // user's conversations never scans their history.
        await db.schema
          .createTable('direct_conversations')
          .addColumn('username', 'text', (c) => c.notNull())
          .addColumn('conversation', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('direct_conversations_pk', ['username', 'conversation'])
          .execute();

        await db.schema
          .createTable('read_markers')
          .addColumn('username', 'text', (c) => c.notNull())
          .addColumn('conversation', 'text', (c) => c.notNull())
          .addColumn('last_read_id', bigint, (c) => c.notNull())
          .addPrimaryKeyConstraint('read_markers_pk', ['username', 'conversation'])
          .execute();

        await db.schema
          .createTable('presence')
          .addColumn('username', 'text', (c) => c.primaryKey())
          .addColumn('last_seen', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('presence_last_seen').on('presence').column('last_seen').execute();

        // On PostgreSQL message ids come from this row, not from a sequence: the row lock held until
        // commit makes ids commit in order, so a poller resuming from `last_id` can never skip one.
        // (A single SQLite process numbers messages in memory.)
        await db.schema
          .createTable('counters')
          .addColumn('name', 'text', (c) => c.primaryKey())
          .addColumn('value', bigint, (c) => c.notNull())
          .execute();
        await db.insertInto('counters').values({ name: 'message_id', value: 0 }).execute();
      },
    },
    '0002_messages_by_conversation_only': {
      // Polls find a reader's messages through their conversations (direct_conversations, rooms),
      // all on messages_conversation_id. Every index is written with every message, so these two
      // were a measurable share of each send's cost (README, "Speed").
      async up(db: AnySchema) {
        await db.schema.dropIndex('messages_recipient_id').execute();
        await db.schema.dropIndex('messages_sender_id').execute();
      },
    },
    '0003_read_markers_within_messages': {
      // Read markers were once stored as sent, even past the newest message (`1e300`): such a
      // marker covers every message still to come, and its conversation showed nothing unread for
      // good. They now stop at the newest message; the ones stored before are brought back to it.
      async up(db: AnySchema) {
        const newest = sql`(select coalesce(max(id), 0) from messages)`;
        await db.updateTable('read_markers').set({ last_read_id: newest }).where('last_read_id', '>', newest).execute();
      },
    },
    '0004_living_messages': {
      // Edits, deletes and reactions are timeline entries of their own, pointing at the message they
      // change (`relates_to`). The message row also keeps what they changed (its latest edit, when
      // it was deleted) and reactions and mentions have tables of their own, so that reading a
      // message's current state never replays its entries.
      async up(db: AnySchema) {
        const columns: [string, 'bigint' | 'integer' | 'text'][] = [
          ['relates_to', bigint],
          ['reply_to', bigint],
          ['edit_id', bigint],
          ['removed', 'integer'],
          ['mentions', 'text'],
          ['new_mentions', 'text'],
          ['deleted_at', 'text'],
        ];
        // One column per statement: SQLite adds no more at a time.
        for (const [name, type] of columns) await db.schema.alterTable('messages').addColumn(name, type).execute();
        // Only relation entries are in it, so a plain message writes no more index than before.
        await db.schema
          .createIndex('messages_relates_to')
          .on('messages')
          .columns(['relates_to', 'id'])
          .where(sql.ref('relates_to'), 'is not', null)
          .execute();

        // The reactions a message has now: each with the entry that added it (users are listed in
        // that order) and the entry that put its emoji on the message, kept while anyone still has
        // it there (emoji are listed in that order, their order of first use).
        await db.schema
          .createTable('reactions')
          .addColumn('message_id', bigint, (c) => c.notNull())
          .addColumn('emoji', 'text', (c) => c.notNull())
          .addColumn('username', 'text', (c) => c.notNull())
          .addColumn('entry_id', bigint, (c) => c.notNull())
          .addColumn('first_entry_id', bigint, (c) => c.notNull())
          .addPrimaryKeyConstraint('reactions_pk', ['message_id', 'emoji', 'username'])
          .execute();

        // A row per user a message mentions, or an edit mentions anew: unread mentions are counted
        // from a user's read marker on, like unread messages.
        await db.schema
          .createTable('mentions')
          .addColumn('username', 'text', (c) => c.notNull())
          .addColumn('conversation', 'text', (c) => c.notNull())
          .addColumn('entry_id', bigint, (c) => c.notNull())
          .addPrimaryKeyConstraint('mentions_pk', ['username', 'conversation', 'entry_id'])
          .execute();
        await db.schema.createIndex('mentions_entry_id').on('mentions').column('entry_id').execute();
      },
    },
    '0005_self_hosting': {
      // Invites, suspended and deleted accounts, sessions a user can list and end, reset codes.
      async up(db: AnySchema) {
        await db.schema
          .createTable('invites')
          .addColumn('id', serial, (c) => (withAutoIncrement ? c.primaryKey().autoIncrement() : c.primaryKey()))
          .addColumn('code_hash', 'text', (c) => c.notNull().unique())
          .addColumn('uses', 'integer', (c) => c.notNull())
          .addColumn('used', 'integer', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('note', 'text')
          .addColumn('created_by', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();

        // One statement per column: SQLite adds one column per ALTER TABLE.
        await db.schema.alterTable('users').addColumn('suspended_at', 'text').execute();
        await db.schema.alterTable('users').addColumn('deactivated_at', 'text').execute();

        // Sessions are named to their user by an id of their own: the token's hash stays private.
        await db.schema.alterTable('sessions').addColumn('id', 'text').execute();
        await db.schema.alterTable('sessions').addColumn('last_seen_at', 'text').execute();
        await db.schema.alterTable('sessions').addColumn('user_agent', 'text').execute();
        const randomId = driver === 'postgres' ? sql`md5(token_hash || random()::text)` : sql`lower(hex(randomblob(16)))`;
        await db.updateTable('sessions').set({ id: randomId, last_seen_at: sql.ref('created_at') }).execute();
        await db.schema.createIndex('sessions_id').on('sessions').column('id').unique().execute();

        await db.schema
          .createTable('password_resets')
          .addColumn('username', 'text', (c) => c.primaryKey())
          .addColumn('code_hash', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .execute();

        // On SQLite, events the admin command line publishes for the running server (sessions it
        // ended): the server reads and deletes them (events/sqlite-relay.ts).
        await db.schema
          .createTable('relayed_events')
          .addColumn('id', serial, (c) => (withAutoIncrement ? c.primaryKey().autoIncrement() : c.primaryKey()))
          .addColumn('payload', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0006_search': {
      // The full-text index of readable messages (timeline/search-index.ts) and the watermark its
      // indexer goes on from.
      async up(db: AnySchema) {
        if (driver === 'postgres') {
          await sql`create table message_search (message_id bigint primary key, words tsvector not null)`.execute(db);
          await sql`create index message_search_words on message_search using gin (words)`.execute(db);
        } else {
          await sql`create virtual table message_search using fts5(words, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')`.execute(db);
        }
        // The index is filled by 0013, in its final shape.
        // The indexer goes on from the newest entry stored (timeline/search-index.ts).
        const newest = await db.selectFrom('messages').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
        await db.insertInto('counters').values({ name: 'search_indexed_id', value: Number(newest?.id ?? 0) }).execute();
      },
    },
    '0007_presence_state': {
      // Active or away, as each user's browser reports it (POST /presence).
      async up(db: AnySchema) {
        await db.schema.alterTable('presence').addColumn('state', 'text').execute();
      },
    },
    '0008_attention': {
      // Notification settings per user and conversation live beside the read marker, so that the
      // one read of a user's markers every /unread makes also brings what its badge needs. The
      // account's own settings are columns of its row.
      async up(db: AnySchema) {
        // One statement per column: SQLite adds one column per ALTER TABLE.
        await db.schema.alterTable('read_markers').addColumn('notify', 'text', (c) => c.notNull().defaultTo('all')).execute();
        await db.schema.alterTable('read_markers').addColumn('muted_until', 'text').execute();
        await db.schema.alterTable('users').addColumn('dnd_until', 'text').execute();
        await db.schema.alterTable('users').addColumn('share_read_receipts', 'integer', (c) => c.notNull().defaultTo(1)).execute();
        await db.schema.alterTable('users').addColumn('share_typing', 'integer', (c) => c.notNull().defaultTo(1)).execute();
      },
    },
    '0009_search_prefixes': {
      // SQLite: FTS5 answers `qui*` from an index of every word's first 2, 3 and 4 letters, read
      // newest first like a word's own entries; without it, it merges the entries of every word the
      // prefix matches before it can return the newest. The option exists only at creation: the
      // table is made anew (0013 fills it). PostgreSQL's GIN index is left as it is.
      async up(db: AnySchema) {
        if (driver === 'postgres') return;
        await sql`drop table message_search`.execute(db);
        await sql`create virtual table message_search using fts5(words, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')`.execute(db);
      },
    },
    '0010_attachments': {
      // Files sent with messages (uploads/). A message keeps what it carries as JSON in its own row,
      // as it keeps its mentions, so reading messages never joins another table; `uploads` says
      // whose each file is, whether it has been sent and with which message, for the quota, the
      // download check and the clean-up. On PostgreSQL the files themselves are rows too, in
      // chunks, where every instance reads them; on SQLite they are files in UPLOAD_DIR.
      async up(db: AnySchema) {
        await db.schema.alterTable('messages').addColumn('attachments', 'text').execute();
        await db.schema
          .createTable('uploads')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('owner', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('size', bigint, (c) => c.notNull())
          .addColumn('mime', 'text', (c) => c.notNull())
          .addColumn('width', 'integer')
          .addColumn('height', 'integer')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('completed_at', 'text')
          .addColumn('message_id', bigint)
          .execute();
        await db.schema.createIndex('uploads_owner').on('uploads').column('owner').execute();
        await db.schema.createIndex('uploads_message_id_created_at').on('uploads').columns(['message_id', 'created_at']).execute();
        if (driver === 'postgres') {
          await db.schema
            .createTable('upload_chunks')
            .addColumn('upload_id', 'text', (c) => c.notNull())
            .addColumn('seq', 'integer', (c) => c.notNull())
            .addColumn('data', 'bytea', (c) => c.notNull())
            .addPrimaryKeyConstraint('upload_chunks_pk', ['upload_id', 'seq'])
            .execute();
        }
      },
    },
    '0011_retention_watermark': {
      // How far retention has walked the history (timeline.service.ts): a run goes on from there.
      async up(db: AnySchema) {
        await db.insertInto('counters').values({ name: 'retention_walked_id', value: 0 }).execute();
      },
    },
    '0012_search_terms': {
      // SQLite: the list of indexed words of more than 4 characters (longer than FTS5's prefix
      // indexes), which a longer prefix is expanded to (timeline/search-index.ts); 0013 fills it
      // from the index it rebuilds. PostgreSQL's GIN index reads a prefix's words itself.
      async up(db: AnySchema) {
        if (driver === 'postgres') return;
        await sql`create table search_terms (term text primary key) without rowid`.execute(db);
      },
    },
    '0013_search_scopes': {
      // Each message is indexed with its conversation's scope token too, and a search asks for the
      // scopes it may read beside its words (timeline/search-index.ts): a word common in others'
      // conversations is no longer read match by match to be dropped. SQLite keeps the token in a
      // column of its own (a new table), PostgreSQL in the same tsvector; both are filled anew, and
      // SQLite's term list from what they hold (`or ignore`: where 0012 ran when it still filled
      // the list itself, its words are there already).
      async up(db: AnySchema) {
        if (driver === 'postgres') {
          await sql`delete from message_search`.execute(db);
        } else {
          await sql`drop table message_search`.execute(db);
          await sql`create virtual table message_search using fts5(words, scope, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')`.execute(db);
        }
        await indexCurrentTexts(db, driver);
        if (driver === 'postgres') return;
        await sql`create virtual table temp.search_vocabulary using fts5vocab(main, message_search, col)`.execute(db);
        await sql`insert or ignore into search_terms (term) select term from temp.search_vocabulary where col = 'words' and length(term) > 4`.execute(db);
        await sql`drop table temp.search_vocabulary`.execute(db);
      },
    },
    '0014_presence_per_session': {
      // A user is away only when every browser of theirs that spoke lately says so: states are kept
      // per session (presence/presence.repository.ts). What the presence table held was one state for
      // all of them; the next report of each browser says it again.
      async up(db: AnySchema) {
        await db.schema
          .createTable('presence_sessions')
          .addColumn('token_hash', 'text', (c) => c.primaryKey())
          .addColumn('username', 'text', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('reported_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('presence_sessions_username').on('presence_sessions').columns(['username', 'reported_at']).execute();
        await db.schema.alterTable('presence').dropColumn('state').execute();
      },
    },
  };
}

/**
 * Fills message_search with the current text of every message and announcement stored (an edit's
 * text in place of its message's; deleted messages left out), as the indexer would have.
 */
async function indexCurrentTexts(db: AnySchema, driver: DatabaseConfig['driver']): Promise<void> {
  const batch = 1000;
  for (let after = 0; ; ) {
    const rows: { id: number; conversation: string; body: string; attachments: string | null; edited: string | null }[] = await db
      .selectFrom('messages as m')
      .leftJoin('messages as e', 'e.id', 'm.edit_id')
      .select(['m.id', 'm.conversation', 'm.body', 'm.attachments', 'e.body as edited'])
      .where('m.id', '>', after)
      .where('m.kind', 'in', ['message', 'announcement'])
      .where('m.deleted_at', 'is', null)
      .orderBy('m.id')
      .limit(batch)
      .execute();
    if (rows.length === 0) break;
    await insertDocuments(db, driver, rows.map((row) => ({ id: row.id, ...searchDocument({ ...row, body: row.edited ?? row.body }) })));
    after = Number(rows[rows.length - 1]?.id);
  }
}

export class InCodeMigrationProvider implements MigrationProvider {
  constructor(private readonly driver: DatabaseConfig['driver']) {}

  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(migrations(this.driver));
  }
}
