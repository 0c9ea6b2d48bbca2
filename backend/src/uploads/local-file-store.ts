import { accessSync, constants, createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InvalidConfigError } from '../config/app-config';
import type { FileStore } from './file-store';
import { UPLOAD_ID } from './upload-id';

/**
 * Files in one directory, each named by its upload id (checked against UPLOAD_ID before any path is
 * made of it), so no name a client sends reaches the file system.
 */
export class LocalFileStore implements FileStore {
  constructor(private readonly dir: string) {}

  /** Creates the directory if need be, and stops the start-up with UPLOAD_DIR's name when it cannot be written. */
  static open(dir: string): LocalFileStore {
    try {
      mkdirSync(dir, { recursive: true });
      accessSync(dir, constants.R_OK | constants.W_OK);
    } catch (error) {
      throw new InvalidConfigError([`UPLOAD_DIR=${JSON.stringify(dir)}: cannot be created or written (${(error as Error).message})`]);
    }
    return new LocalFileStore(dir);
  }

  async put(key: string, source: Readable): Promise<void> {
    const file = this.path(key);
    try {
      await pipeline(source, createWriteStream(file, { flags: 'wx' }));
    } catch (error) {
      await rm(file, { force: true });
      throw error;
    }
  }

  read(key: string, start: number, end: number): Readable {
    return createReadStream(this.path(key), { start, end });
  }

  async remove(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  private path(key: string): string {
    if (!UPLOAD_ID.test(key)) throw new Error(`Not an upload id: ${JSON.stringify(key)}`);
    return path.join(this.dir, key);
  }
}
