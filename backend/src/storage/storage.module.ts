import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Metrics } from '../metrics/metrics';
import { DatabaseBackup } from './database-backup';
import { createDatabase, migrateToLatest } from './database.factory';
import { DATABASE, Database } from './schema';

@Global()
@Module({
  providers: [
    {
      provide: DATABASE,
      inject: [APP_CONFIG, Metrics],
      useFactory: async (config: AppConfig, metrics: Metrics) => {
        const db = createDatabase(config.database, (pool) => {
          metrics.gauge('chatroom_db_pool_connections', 'PostgreSQL connections this instance holds', () => pool.totalCount);
          metrics.gauge('chatroom_db_pool_idle', 'Of those, idle', () => pool.idleCount);
          metrics.gauge('chatroom_db_pool_waiting', 'Queries waiting for a connection', () => pool.waitingCount);
        });
        await migrateToLatest(db, config.database.driver);
        return db;
      },
    },
    DatabaseBackup,
  ],
  exports: [DATABASE, DatabaseBackup],
})
export class StorageModule implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async onApplicationShutdown(): Promise<void> {
    await this.db.destroy();
  }
}
