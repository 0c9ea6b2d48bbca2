import { searchWords } from '@chatroom/shared';
import { sql } from 'kysely';
import type { Executor } from '../storage/executor';
import { attachmentsOf } from './timeline-message';

/** What a message is indexed by: the words of its text, then of the names of its files, and its conversation's scope token. */
export interface SearchDocument {
  words: string[];
  scope: string;
}

export function searchDocument(message: { conversation: string; body: string; attachments: string | null }): SearchDocument {
  const text = [message.body, ...attachmentsOf(message.attachments).map((file) => file.name)].join('\n');
  return { words: searchWords(text), scope: scopeToken(message.conversation) };
}

/**
 * The one word a conversation is indexed by beside a message's own words (hex of its key, after a
 * letter, so both tokenizers keep it whole and no folded word of a text can equal it).
 */
export function scopeToken(conversation: string): string {
  return `c${Buffer.from(conversation, 'utf8').toString('hex')}`;
}

/** Adds messages to the index (none of them in it yet). The scope token goes in a column of its own on SQLite, without a position on PostgreSQL: no phrase spans it. */
export async function insertDocuments(db: Executor, driver: 'sqlite' | 'postgres', documents: (SearchDocument & { id: number })[]): Promise<void> {
  if (documents.length === 0) return;
  const rows = documents.map((document) =>
    driver === 'postgres'
      ? sql`(${document.id}, to_tsvector('simple', ${document.words.join(' ')}) || array_to_tsvector(array[${document.scope}]))`
      : sql`(${document.id}, ${document.words.join(' ')}, ${document.scope})`,
  );
  const columns = driver === 'postgres' ? sql`(message_id, words)` : sql`(rowid, words, scope)`;
  await sql`insert into message_search ${columns} values ${sql.join(rows)}`.execute(db);
}
