import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { DATABASE, Database } from './schema';

@Injectable()
export class DatabaseBackup {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /**
   * Writes a copy of the SQLite database to `file` (which must not exist): one read transaction, so
   * the copy is the database as of one commit, taken beside a running server without stopping its
   * writes (WAL). SQLite's backup API would instead start over whenever the server commits meanwhile.
   */
  async copyTo(file: string): Promise<void> {
    await sql`vacuum into ${file}`.execute(this.db);
  }
}
