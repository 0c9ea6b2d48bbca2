import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { createDatabase, migrateToLatest } from './database.factory';
import { DATABASE, Database } from './schema';

@Global()
@Module({
  providers: [
    {
      provide: DATABASE,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const db = createDatabase(config.database);
        await migrateToLatest(db, config.database.driver);
        return db;
      },
    },
  ],
  exports: [DATABASE],
})
export class StorageModule implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async onApplicationShutdown(): Promise<void> {
    await this.db.destroy();
  }
}
