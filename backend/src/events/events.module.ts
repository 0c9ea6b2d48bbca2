import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DATABASE, Database } from '../storage/schema';
import { EventBus } from './event-bus';
import { InProcessEventBus } from './in-process-event-bus';
import { PgNotifyEventBus } from './pg-notify-event-bus';

/** SQLite serves one instance, so its events stay in the process; PostgreSQL may serve a cluster. */
@Global()
@Module({
  providers: [
    {
      provide: EventBus,
      inject: [APP_CONFIG, DATABASE],
      useFactory: (config: AppConfig, db: Database): EventBus =>
        config.database.driver === 'postgres' ? new PgNotifyEventBus(config.database.url, db) : new InProcessEventBus(),
    },
  ],
  exports: [EventBus],
})
export class EventsModule {}
