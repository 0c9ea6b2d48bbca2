import { Inject, Injectable } from '@nestjs/common';
import { SearchTerm } from '@chatroom/shared';
import { sql } from 'kysely';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { Executor } from '../storage/executor';
import { tryJobLock } from '../storage/locks';
import { DATABASE, Database } from '../storage/schema';
import { insertDocuments, scopeToken, SearchDocument, searchDocument } from './search-document';
import type { TimelineRow } from './timeline-message';

/** Where a search may look: a conversation, from one id on and up to another (inclusive; null: no end). */
export interface SearchScope {
  conversation: string;
  fromId: number;
  toId: number | null;
}

export interface SearchRequest {
  terms: SearchTerm[];
  scopes: SearchScope[];
  /** Only messages with a smaller id (the page before). */
  beforeId: number;
  limit: number;
  /** Only messages by this user (registered spelling). */
  sender?: string;
}

/** Scopes per statement: each is an OR'ed condition, and SQLite parses a long OR chain as a deep tree. */
const SCOPES_PER_STATEMENT = 200;

/** The counters row that says up to which message id the index has caught up. */
const INDEXED_UP_TO = 'search_indexed_id';

/** The longest prefix FTS5 keeps an index of (`prefix='2 3 4'`, migration 0009), in characters. */
const PREFIX_INDEXED_MAX = 4;

/**
 * The most words a longer prefix is expanded to. Each is one more lookup in the index; a prefix
 * that matches more is left to FTS5's own prefix query, which is slower but finds them all.
 */
export const PREFIX_EXPANSION_MAX = 50;

/** Terms listed in one statement. */
const TERMS_PER_STATEMENT = 500;

/**
 * The words of a text that SQLite's term list (`search_terms`) keeps: those too long for FTS5's
 * prefix indexes to answer a prefix of them.
 */
function listedTerms(words: Iterable<string>): string[] {
  return [...new Set(words)].filter((word) => Array.from(word).length > PREFIX_INDEXED_MAX);
}

/**
 * The full-text index of the messages people can read (chat messages and announcements), in their
 * current text: `message_search`, a contentless FTS5 table on SQLite and a `tsvector` with a GIN
 * index on PostgreSQL. It holds each message's words as `searchWords` folds them (lower case, no
 * accents, split on anything not a letter or digit), so both databases, and the extension's
 * highlighting, split and compare text the same way, whatever their own tokenizers would do.
 *
 * New messages and edits are indexed in batches after they commit (SearchIndexer), in id order from
 * a watermark in `counters`: FTS5 writes a new segment per transaction, which cost more than the
 * rest of a send, and a batch pays it once. Deleting erases a message from the index at once, in the
 * delete's own transaction, and a deleted message is never indexed again nor ever returned.
 *
 * On SQLite, `search_terms` lists every word of more than PREFIX_INDEXED_MAX characters ever
 * indexed. FTS5 answers a prefix no longer than that from its prefix indexes, newest first, but a
 * longer one only by merging the entries of every word it matches before returning the newest; a
 * range of the term list turns such a prefix into the few words it matches, which FTS5 reads newest
 * first and stops at the page. The list only grows (a word left by a delete or an edit stays): an
 * extra word matches nothing and costs one lookup.
 */
@Injectable()
export class SearchIndex {
  private readonly onPostgres: boolean;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.onPostgres = config.database.driver === 'postgres';
  }

  /**
   * Indexes the entries committed after the watermark, up to `limit` of them, in one transaction:
   * a message or announcement by its text and the names of its files, an edit as its message's
   * new text (entries come in id order, so the last edit wins) with the same file names, as edits
   * never change files; a deleted message is left out. The number of entries read.
   */
  async indexNext(limit: number): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      // One instance indexes at a time.
      if (this.onPostgres && !(await tryJobLock(trx, 'searchIndexing'))) return 0;
      const mark = await trx.selectFrom('counters').select('value').where('name', '=', INDEXED_UP_TO).executeTakeFirstOrThrow();
      const entries = await trx
        .selectFrom('messages')
        .select(['id', 'kind', 'conversation', 'body', 'relates_to', 'deleted_at', 'attachments'])
        .where('id', '>', mark.value)
        .orderBy('id')
        .limit(limit)
        .execute();
      const edited = entries.flatMap((entry) => (entry.kind === 'edit' && entry.relates_to !== null && entry.body !== '' ? [entry.relates_to] : []));
      const filesOfEdited = new Map(
        edited.length === 0
          ? []
          : (await trx.selectFrom('messages').select(['id', 'attachments']).where('id', 'in', edited).execute()).map((row) => [row.id, row.attachments]),
      );
      const words = new Set<string>();
      for (const entry of entries) {
        if ((entry.kind === 'message' || entry.kind === 'announcement') && entry.deleted_at === null) await this.put(trx, entry.id, searchDocument(entry), words);
        // Deleting a message empties its edits' texts: an empty edit belongs to a deleted message.
        if (entry.kind === 'edit' && entry.relates_to !== null && entry.body !== '') {
          // An edit is in its message's conversation.
          await this.put(trx, entry.relates_to, searchDocument({ ...entry, attachments: filesOfEdited.get(entry.relates_to) ?? null }), words);
        }
      }
      if (!this.onPostgres) await listTerms(trx, listedTerms(words));
      const last = entries.at(-1);
      if (last) await trx.updateTable('counters').set({ value: last.id }).where('name', '=', INDEXED_UP_TO).execute();
      return entries.length;
    });
  }

  /** Indexes a message by `document`, in place of what it was indexed by before, adding its words to `seen`. */
  private async put(trx: Executor, messageId: number, document: SearchDocument, seen: Set<string>): Promise<void> {
    for (const word of document.words) seen.add(word);
    await this.remove(trx, [messageId]);
    await insertDocuments(trx, this.onPostgres ? 'postgres' : 'sqlite', [{ id: messageId, ...document }]);
  }

  async remove(trx: Executor, messageIds: number[]): Promise<void> {
    const ids = sql.join(messageIds);
    if (this.onPostgres) await sql`delete from message_search where message_id in (${ids})`.execute(trx);
    else await sql`delete from message_search where rowid in (${ids})`.execute(trx);
  }

  /** The messages matching every term inside the scopes, newest first. */
  async match(request: SearchRequest): Promise<TimelineRow[]> {
    const words = this.onPostgres ? tsQuery(request.terms) : await this.ftsQueryOf(request.terms);
    if (words === undefined) return [];
    const found: TimelineRow[] = [];
    for (let start = 0; start < request.scopes.length; start += SCOPES_PER_STATEMENT) {
      found.push(...(await this.matchIn(request, words, request.scopes.slice(start, start + SCOPES_PER_STATEMENT))));
    }
    return found.sort((a, b) => b.id - a.id).slice(0, request.limit);
  }

  /**
   * The FTS5 query for `terms`, each prefix longer than FTS5's prefix indexes expanded to the words
   * it matches when there are at most PREFIX_EXPANSION_MAX of them; undefined when one matches none.
   */
  private async ftsQueryOf(terms: SearchTerm[]): Promise<string | undefined> {
    const parts: string[] = [];
    for (const term of terms) {
      const last = term.words.at(-1) ?? '';
      const expanded = term.prefix && Array.from(last).length > PREFIX_INDEXED_MAX ? await this.wordsStartingWith(last) : undefined;
      if (expanded?.length === 0) return undefined;
      parts.push(expanded === undefined ? ftsTerm(term) : `(${expanded.map((word) => ftsTerm({ words: [...term.words.slice(0, -1), word], prefix: false })).join(' OR ')})`);
    }
    return parts.join(' AND ');
  }

  /** The listed words starting with `prefix`; undefined when there are more than PREFIX_EXPANSION_MAX. */
  private async wordsStartingWith(prefix: string): Promise<string[] | undefined> {
    // Every word starting with `prefix` sorts (as UTF-8 bytes) from it to it followed by the last code point.
    const result = await sql<{ term: string }>`select term from search_terms where term >= ${prefix} and term < ${`${prefix}\u{10FFFF}`}
      order by term limit ${PREFIX_EXPANSION_MAX + 1}`.execute(this.db);
    return result.rows.length > PREFIX_EXPANSION_MAX ? undefined : result.rows.map((row) => row.term);
  }

  private async matchIn(request: SearchRequest, words: string, scopes: SearchScope[]): Promise<TimelineRow[]> {
    if (scopes.length === 0) return [];
    // The index reads only the conversations in scope: a word common where the reader may not look
    // costs nothing, instead of every match being read and dropped.
    const tokens = [...new Set(scopes.map((scope) => scopeToken(scope.conversation)))];
    const query = this.onPostgres
      ? sql`(to_tsquery('simple', ${words}) && cast(${tokens.map((token) => `'${token}'`).join(' | ')} as tsquery))`
      : sql`${`words : (${words}) AND scope : (${tokens.map((token) => `"${token}"`).join(' OR ')})`}`;
    const inScope = sql.join(
      scopes.map((scope) =>
        scope.toId === null
          ? sql`(m.conversation = ${scope.conversation} and m.id >= ${scope.fromId})`
          : // The index holds the current text: one edited after the stretch ended is not what its reader may see.
            sql`(m.conversation = ${scope.conversation} and m.id >= ${scope.fromId} and m.id <= ${scope.toId} and (m.edit_id is null or m.edit_id <= ${scope.toId}))`,
      ),
      sql` or `,
    );
    const bySender = request.sender === undefined ? sql`` : sql`and m.sender = ${request.sender}`;
    const [matches, indexId] = this.onPostgres ? [sql`s.words @@ ${query}`, sql.ref('s.message_id')] : [sql`message_search match ${query}`, sql.ref('s.rowid')];
    // The join reads the message as it is now: one deleted after it was indexed never shows.
    const result = await sql<TimelineRow>`
      select m.* from message_search s join messages m on m.id = ${indexId}
      where ${matches} and ${indexId} < ${request.beforeId}
        and m.kind in ('message', 'announcement') and m.deleted_at is null ${bySender}
        and (${inScope})
      order by ${indexId} desc
      limit ${request.limit}`.execute(this.db);
    return result.rows;
  }
}

/** Adds `words` to SQLite's term list (those not listed yet). */
async function listTerms(db: Executor, words: string[]): Promise<void> {
  for (let start = 0; start < words.length; start += TERMS_PER_STATEMENT) {
    const values = sql.join(words.slice(start, start + TERMS_PER_STATEMENT).map((word) => sql`(${word})`));
    await sql`insert or ignore into search_terms (term) values ${values}`.execute(db);
  }
}

/**
 * A term in FTS5's query syntax: a quoted string (a phrase when it has several words), `*` after it
 * for a prefix. The words hold only letters and digits, so quoting them leaves no operator for a
 * query to smuggle in; terms are joined with AND, as a group of alternatives needs.
 */
function ftsTerm(term: SearchTerm): string {
  return `"${term.words.join(' ')}"${term.prefix ? '*' : ''}`;
}

/** PostgreSQL's tsquery: words quoted, `<->` between a phrase's words, `:*` for a prefix, `&` between terms. */
function tsQuery(terms: SearchTerm[]): string {
  return terms
    .map((term) => term.words.map((word, index) => `'${word}'${term.prefix && index === term.words.length - 1 ? ':*' : ''}`).join(' <-> '))
    .map((term) => `(${term})`)
    .join(' & ');
}
