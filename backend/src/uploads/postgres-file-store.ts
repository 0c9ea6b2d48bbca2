import { Readable } from 'node:stream';
import type { Database } from '../storage/schema';
import type { FileStore } from './file-store';

/** Bytes per row: large enough that a file takes few rows, small enough that a range read fetches little beyond it. */
const CHUNK_BYTES = 256 * 1024;

/**
 * Files as rows of `upload_chunks` in the PostgreSQL database every instance shares: what one
 * instance stored, another serves. Each chunk is written as it arrives (no transaction is held open
 * while a client sends), so a failed upload removes what it wrote, and the clean-up of uploads never
 * completed removes what a crash left.
 */
export class PostgresFileStore implements FileStore {
  constructor(private readonly db: Database) {}

  async put(key: string, source: Readable): Promise<void> {
    let seq = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async (data: Buffer) => {
      await this.db.insertInto('upload_chunks').values({ upload_id: key, seq: seq++, data }).execute();
    };
    try {
      for await (const chunk of source) {
        pending.push(chunk as Buffer);
        pendingBytes += (chunk as Buffer).length;
        while (pendingBytes >= CHUNK_BYTES) {
          const all = Buffer.concat(pending);
          await flush(all.subarray(0, CHUNK_BYTES));
          pending = [all.subarray(CHUNK_BYTES)];
          pendingBytes = all.length - CHUNK_BYTES;
        }
      }
      if (pendingBytes > 0) await flush(Buffer.concat(pending));
    } catch (error) {
      await this.remove(key);
      throw error;
    }
  }

  read(key: string, start: number, end: number): Readable {
    const db = this.db;
    return Readable.from(
      (async function* chunks() {
        for (let seq = Math.floor(start / CHUNK_BYTES); seq <= Math.floor(end / CHUNK_BYTES); seq++) {
          const row = await db.selectFrom('upload_chunks').select('data').where('upload_id', '=', key).where('seq', '=', seq).executeTakeFirst();
          if (!row) throw new Error(`Upload ${key} has no chunk ${seq}`);
          const offset = seq * CHUNK_BYTES;
          yield row.data.subarray(Math.max(0, start - offset), end - offset + 1);
        }
      })(),
    );
  }

  async remove(key: string): Promise<void> {
    await this.db.deleteFrom('upload_chunks').where('upload_id', '=', key).execute();
  }
}
