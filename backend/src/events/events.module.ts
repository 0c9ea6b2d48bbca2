import { Global, Module, Provider } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DATABASE, Database } from '../storage/schema';
import { EventBus } from './event-bus';
import { PgNotifyEventBus } from './pg-notify-event-bus';
import { SqliteEventBus } from './sqlite-relay';

/**
 * The EventBus: on PostgreSQL the cluster's LISTEN/NOTIFY bus; on SQLite, which serves one
 * instance, the one `onSqlite` makes (the server's in-process bus, or the command line's relay).
 */
export function eventBusProvider(onSqlite: (db: Database) => EventBus): Provider {
  return {
    provide: EventBus,
    inject: [APP_CONFIG, DATABASE],
    useFactory: (config: AppConfig, db: Database): EventBus =>
      config.database.driver === 'postgres' ? new PgNotifyEventBus(config.database.url, db) : onSqlite(db),
  };
}

/**
 * SQLite serves one instance, so its events stay in the process (and those of the admin command
 * line come in through the relay); PostgreSQL may serve a cluster.
 */
@Global()
@Module({
  providers: [eventBusProvider((db) => new SqliteEventBus(db))],
  exports: [EventBus],
})
export class EventsModule {}
