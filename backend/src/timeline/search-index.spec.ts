import { parseSearchQuery } from '@chatroom/shared';
import { sql } from 'kysely';
import type { AppConfig } from '../config/app-config';
import { createDatabase, migrateToLatest } from '../storage/database.factory';
import type { Database } from '../storage/schema';
import { PREFIX_EXPANSION_MAX, SearchIndex } from './search-index';

const CONVERSATION = 'dm:alice:bob';
const at = '2026-01-01T00:00:00.000Z';

describe('SearchIndex on SQLite', () => {
  let db: Database;
  let index: SearchIndex;
  let nextId = 0;

  beforeEach(async () => {
    db = createDatabase({ driver: 'sqlite', file: ':memory:' });
    await migrateToLatest(db, 'sqlite');
    index = new SearchIndex(db, { database: { driver: 'sqlite', file: ':memory:' } } as AppConfig);
    nextId = 0;
  });
  afterEach(() => db.destroy());

  /** Stores a message (with files named `files`) and indexes everything stored; its id. */
  async function send(body: string, files: string[] = []): Promise<number> {
    const id = ++nextId;
    const attachments = files.length === 0 ? null : JSON.stringify(files.map((name, n) => ({ id: `u${id}-${n}`, name, size: 1, mime: 'application/pdf' })));
    await db.insertInto('messages').values({ id, kind: 'message', sender: 'bob', recipient: 'alice', conversation: CONVERSATION, body, client_id: null, created_at: at, attachments }).execute();
    await index.indexNext(10_000);
    return id;
  }

  async function edit(messageId: number, body: string): Promise<void> {
    const id = ++nextId;
    await db.insertInto('messages').values({ id, kind: 'edit', sender: 'bob', recipient: 'alice', conversation: CONVERSATION, body, client_id: null, created_at: at, relates_to: messageId }).execute();
    await db.updateTable('messages').set({ edit_id: id }).where('id', '=', messageId).execute();
    await index.indexNext(10_000);
  }

  async function remove(messageId: number): Promise<void> {
    await db.updateTable('messages').set({ body: '', deleted_at: at }).where('id', '=', messageId).execute();
    await index.remove(db, [messageId]);
  }

  /** The ids matching `q`, newest first, at most `limit`. */
  async function found(q: string, limit = 100): Promise<number[]> {
    const rows = await index.match({ terms: parseSearchQuery(q), scopes: [{ conversation: CONVERSATION, fromId: 0, toId: null }], beforeId: Number.MAX_SAFE_INTEGER, limit });
    return rows.map((row) => row.id);
  }

  it('finds by a long prefix every word it starts, newest first, a page at a time', async () => {
    const quick = await send('the quick fox');
    const quickly = await send('Quickly now');
    const quicksand = await send('beware of QUICKSAND');
    await send('a quiet one');
    const quickStep = await send('quick-step lessons');
    expect(await found('quick*')).toEqual([quickStep, quicksand, quickly, quick]);
    expect(await found('quicks*')).toEqual([quicksand]);
    expect(await found('quick*', 2)).toEqual([quickStep, quicksand]);
    expect(await found('quickest*')).toEqual([]);
    expect(await found('lesso* quick*')).toEqual([quickStep]);
    expect(await found('"quick ste"*')).toEqual([quickStep]);
    expect(await found('"beware of quicks"*')).toEqual([quicksand]);
  });

  it('finds every message by a prefix that starts more words than it expands to', async () => {
    const ids: number[] = [];
    for (let n = 0; n <= PREFIX_EXPANSION_MAX + 5; n++) ids.push(await send(`zebra${n} crossing`));
    expect(await found('zebra*')).toEqual([...ids].reverse());
    expect(await found('zebra1*')).toEqual(ids.filter((_, n) => String(n).startsWith('1')).reverse());
    expect(await found('zebra* crossing', 3)).toEqual(ids.slice(-3).reverse());
  });

  it('matches a long prefix against the current text only, never a deleted message', async () => {
    const edited = await send('walrus sighting');
    const deleted = await send('walruses everywhere');
    await edit(edited, 'narwhal sighting');
    await remove(deleted);
    expect(await found('walru*')).toEqual([]);
    expect(await found('narwh*')).toEqual([edited]);
    const again = await send('one more walrus');
    expect(await found('walru*')).toEqual([again]);
  });

  it('finds a message by a long prefix of its files’ names', async () => {
    const withFile = await send('', ['Quarterly-Results.pdf']);
    expect(await found('quarte*')).toEqual([withFile]);
    expect(await found('resul*')).toEqual([withFile]);
  });

  it('lists only the words longer than the prefix indexes, once each', async () => {
    await send('the quick brown fox jumps');
    await send('quick brown foxes');
    const terms = await sql<{ term: string }>`select term from search_terms order by term`.execute(db);
    expect(terms.rows.map((row) => row.term)).toEqual(['brown', 'foxes', 'jumps', 'quick']);
  });
});
