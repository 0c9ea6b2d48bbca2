import type { Readable } from 'node:stream';

/**
 * Where the bytes of uploads are kept, by upload id. One server on SQLite keeps them as files in
 * UPLOAD_DIR (LocalFileStore); instances sharing PostgreSQL keep them in it (PostgresFileStore),
 * so that a file uploaded through one is read through any other.
 */
export interface FileStore {
  /** Stores everything `source` gives under `key`; when `source` fails, nothing stays stored and the error is thrown. */
  put(key: string, source: Readable): Promise<void>;
  /** Bytes `start` to `end` (inclusive) of the file. */
  read(key: string, start: number, end: number): Readable;
  /** Removes the file; one already gone is no error. */
  remove(key: string): Promise<void>;
}

export const FILE_STORE = Symbol('FILE_STORE');
