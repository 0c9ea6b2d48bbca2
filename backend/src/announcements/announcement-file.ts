import { randomUUID } from 'node:crypto';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';

export interface AnnouncementSnapshot {
  text: string;
  updatedAt: string | null;
}

/** The announcement file: absent means no announcement. */
export class AnnouncementFile {
  constructor(readonly path: string) {}

  async read(): Promise<AnnouncementSnapshot> {
    try {
      const [text, info] = await Promise.all([readFile(this.path, 'utf8'), stat(this.path)]);
      // NUL cannot be stored in PostgreSQL text, and the API refuses it too: a hand-edited file drops it.
      return { text: text.replaceAll('\u0000', '').trim(), updatedAt: info.mtime.toISOString() };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { text: '', updatedAt: null };
      throw error;
    }
  }

  /**
   * Replaces the file in one step, so a reader never sees half of it. Each write has a temporary
   * file of its own: two posts at once (or two instances sharing the file) must not rename
   * each other's.
   */
  async write(text: string): Promise<void> {
    const temporary = `${this.path}.${process.pid}.${randomUUID()}.tmp`;
    try {
      await writeFile(temporary, text.endsWith('\n') || text === '' ? text : `${text}\n`, 'utf8');
      await rename(temporary, this.path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
}
