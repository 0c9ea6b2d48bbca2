import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { sql } from 'kysely';
import { DATABASE, Database } from '../storage/schema';

@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key: string) {
    const indicator = this.health.check(key);
    try {
      await sql`select 1`.execute(this.db);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: String(error) });
    }
  }
}
