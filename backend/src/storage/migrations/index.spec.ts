import { parseSearchQuery } from '@chatroom/shared';
import { Migrator, sql } from 'kysely';
import type { AppConfig } from '../../config/app-config';
import { SearchIndex } from '../../timeline/search-index';
import { createDatabase, migrateToLatest } from '../database.factory';
import type { Database } from '../schema';
import { InCodeMigrationProvider } from '.';

describe('migrations', () => {
  let db: Database;

  beforeEach(() => {
    db = createDatabase({ driver: 'sqlite', file: ':memory:' });
  });
  afterEach(() => db.destroy());

  it('brings read markers stored past the newest message back to it, and leaves the others', async () => {
    await new Migrator({ db, provider: new InCodeMigrationProvider('sqlite') }).migrateTo('0002_messages_by_conversation_only');
    await db
      .insertInto('messages')
      .values({ id: 7, kind: 'message', sender: 'bob', recipient: 'alice', conversation: 'dm:alice:bob', body: 'hi', client_id: null, created_at: '2026-01-01T00:00:00.000Z' })
      .execute();
    await db
      .insertInto('read_markers')
      .values([
        { username: 'alice', conversation: 'dm:alice:bob', last_read_id: 1e300 },
        { username: 'bob', conversation: 'dm:alice:bob', last_read_id: 5 },
      ])
      .execute();

    await migrateToLatest(db, 'sqlite');

    const markers = await db.selectFrom('read_markers').select(['username', 'last_read_id']).orderBy('username').execute();
    expect(markers).toEqual([
      { username: 'alice', last_read_id: 7 },
      { username: 'bob', last_read_id: 5 },
    ]);
  });

  it('keeps messages stored before edits and reactions existed as plain messages', async () => {
    await new Migrator({ db, provider: new InCodeMigrationProvider('sqlite') }).migrateTo('0003_read_markers_within_messages');
    await db
      .insertInto('messages')
      .values({ id: 3, kind: 'message', sender: 'bob', recipient: 'alice', conversation: 'dm:alice:bob', body: 'old', client_id: null, created_at: '2026-01-01T00:00:00.000Z' })
      .execute();

    await migrateToLatest(db, 'sqlite');

    const row = await db.selectFrom('messages').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ body: 'old', relates_to: null, reply_to: null, edit_id: null, mentions: null, deleted_at: null });
    expect(await db.selectFrom('reactions').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('mentions').selectAll().execute()).toEqual([]);
  });

  it('gives sessions opened before 0005 an id each, and a last use', async () => {
    await new Migrator({ db, provider: new InCodeMigrationProvider('sqlite') }).migrateTo('0003_read_markers_within_messages');
    const opened = { username: 'alice', created_at: '2026-01-01T00:00:00.000Z', expires_at: '2026-02-01T00:00:00.000Z' };
    await db.insertInto('sessions').values([{ ...opened, token_hash: 'first' }, { ...opened, token_hash: 'second' }] as never).execute();

    await migrateToLatest(db, 'sqlite');

    const sessions = await db.selectFrom('sessions').select(['id', 'last_seen_at']).execute();
    expect(sessions).toEqual([
      { id: expect.stringMatching(/^[0-9a-f]{32}$/), last_seen_at: opened.created_at },
      { id: expect.stringMatching(/^[0-9a-f]{32}$/), last_seen_at: opened.created_at },
    ]);
    expect(sessions[0]?.id).not.toBe(sessions[1]?.id);
  });
  it('indexes the current text of the messages and announcements stored before search existed', async () => {
    await new Migrator({ db, provider: new InCodeMigrationProvider('sqlite') }).migrateTo('0005_self_hosting');
    const at = '2026-01-01T00:00:00.000Z';
    const row = { sender: 'bob', recipient: 'alice', conversation: 'dm:alice:bob', client_id: null, created_at: at };
    await db
      .insertInto('messages')
      .values([
        { ...row, id: 1, kind: 'message', body: 'original wording', edit_id: 2 },
        { ...row, id: 2, kind: 'edit', body: 'Édited wording', relates_to: 1 },
        { ...row, id: 3, kind: 'message', body: '', deleted_at: at },
        { ...row, id: 4, kind: 'event', body: 'bob joined wording' },
        { ...row, id: 5, kind: 'announcement', sender: 'server', recipient: '*', conversation: '*', body: 'Wording for all' },
      ])
      .execute();

    await migrateToLatest(db, 'sqlite');

    const matching = async (query: string) =>
      (await sql<{ rowid: number }>`select rowid from message_search where message_search match ${query} order by rowid`.execute(db)).rows.map((r) => r.rowid);
    expect(await matching('"wording"')).toEqual([1, 5]);
    expect(await matching('"edited"')).toEqual([1]);
    expect(await matching('"original"')).toEqual([]);
    expect(await matching('"wor"*')).toEqual([1, 5]);
  });

  it('rebuilds the search index with prefix entries, keeping every message it held searchable', async () => {
    await new Migrator({ db, provider: new InCodeMigrationProvider('sqlite') }).migrateTo('0008_attention');
    const row = { sender: 'bob', recipient: 'alice', conversation: 'dm:alice:bob', client_id: null, created_at: '2026-01-01T00:00:00.000Z' };
    await db.insertInto('messages').values([{ ...row, id: 1, kind: 'message', body: 'Quixotic plans' }]).execute();
    await sql`insert into message_search (rowid, words) values (1, 'quixotic plans')`.execute(db);

    await migrateToLatest(db, 'sqlite');

    const matching = async (query: string) =>
      (await sql<{ rowid: number }>`select rowid from message_search where message_search match ${query} order by rowid`.execute(db)).rows.map((r) => r.rowid);
    expect(await matching('"quixotic"')).toEqual([1]);
    expect(await matching('"qu"*')).toEqual([1]);
    expect(await matching('"plan"*')).toEqual([1]);
  });

  it('lists the indexed words longer than the prefix indexes, for the long prefixes expanded to them', async () => {
    await new Migrator({ db, provider: new InCodeMigrationProvider('sqlite') }).migrateTo('0011_retention_watermark');
    const row = { sender: 'bob', recipient: 'alice', conversation: 'dm:alice:bob', client_id: null, created_at: '2026-01-01T00:00:00.000Z' };
    await db
      .insertInto('messages')
      .values([
        { ...row, id: 1, kind: 'message', body: 'Quixotic plans for the quixote fan' },
        { ...row, id: 2, kind: 'message', body: 'nothing else' },
      ])
      .execute();
    await sql`insert into message_search (rowid, words) values (1, 'quixotic plans for the quixote fan'), (2, 'nothing else')`.execute(db);

    await migrateToLatest(db, 'sqlite');

    const terms = await sql<{ term: string }>`select term from search_terms order by term`.execute(db);
    expect(terms.rows.map((row) => row.term)).toEqual(['nothing', 'plans', 'quixote', 'quixotic']);
  });

  it('migrates a database whose 0012 filled the term list itself: the words listed then are listed once', async () => {
    await new Migrator({ db, provider: new InCodeMigrationProvider('sqlite') }).migrateTo('0012_search_terms');
    const row = { sender: 'bob', recipient: 'alice', conversation: 'dm:alice:bob', client_id: null, created_at: '2026-01-01T00:00:00.000Z' };
    await db.insertInto('messages').values({ ...row, id: 1, kind: 'message', body: 'Quixotic plans' }).execute();
    await sql`insert into message_search (rowid, words) values (1, 'quixotic plans')`.execute(db);
    await sql`insert into search_terms (term) values ('plans'), ('quixotic')`.execute(db);

    await migrateToLatest(db, 'sqlite');

    const terms = await sql<{ term: string }>`select term from search_terms order by term`.execute(db);
    expect(terms.rows.map((row) => row.term)).toEqual(['plans', 'quixotic']);
  });

  it('indexes every message by its conversation too, so a search reads only the conversations it may, file names included', async () => {
    await new Migrator({ db, provider: new InCodeMigrationProvider('sqlite') }).migrateTo('0012_search_terms');
    const row = { sender: 'bob', client_id: null, created_at: '2026-01-01T00:00:00.000Z' };
    const menu = JSON.stringify([{ id: 'u1', name: 'Dinner menu.pdf', size: 1, mime: 'application/pdf' }]);
    await db
      .insertInto('messages')
      .values([
        { ...row, id: 1, kind: 'message', recipient: 'alice', conversation: 'dm:alice:bob', body: 'lunch plans', attachments: menu },
        { ...row, id: 2, kind: 'message', recipient: 'room_1', conversation: 'room_1', body: 'lunch party' },
        { ...row, id: 3, kind: 'announcement', sender: 'server', recipient: '*', conversation: '*', body: 'Lunch is served' },
      ])
      .execute();
    await sql`insert into message_search (rowid, words) values (1, 'lunch plans'), (2, 'lunch party'), (3, 'lunch is served')`.execute(db);

    await migrateToLatest(db, 'sqlite');

    const index = new SearchIndex(db, { database: { driver: 'sqlite', file: ':memory:' } } as AppConfig);
    const found = async (q: string, conversations: string[]) =>
      (
        await index.match({
          terms: parseSearchQuery(q),
          scopes: conversations.map((conversation) => ({ conversation, fromId: 0, toId: null })),
          beforeId: Number.MAX_SAFE_INTEGER,
          limit: 10,
        })
      ).map((message) => message.id);
    expect(await found('lunch', ['dm:alice:bob', '*'])).toEqual([3, 1]);
    expect(await found('lunch', ['room_1'])).toEqual([2]);
    expect(await found('menu', ['dm:alice:bob'])).toEqual([1]);
    expect(await found('menu', ['room_1', '*'])).toEqual([]);
    // A conversation's token is no word a text can match.
    expect(await found('dm', ['dm:alice:bob'])).toEqual([]);
  });
});
