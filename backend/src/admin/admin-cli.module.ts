import { Global, Module } from '@nestjs/common';
import { RateLimiter } from '../common/rate-limit.guard';
import { RateLimitsModule } from '../common/rate-limits.module';
import { ConfigModule } from '../config/config.module';
import { EventBus } from '../events/event-bus';
import { eventBusProvider } from '../events/events.module';
import { SqliteRelayPublisher } from '../events/sqlite-relay';
import { StorageModule } from '../storage/storage.module';
import { MetricsModule } from '../metrics/metrics.module';
import { AdminModule } from './admin.module';

/**
 * The command line's bus: on PostgreSQL the cluster's own (running instances hear what it does at
 * once); on SQLite the relay that the one running server reads.
 */
@Global()
@Module({
  providers: [eventBusProvider((db) => new SqliteRelayPublisher(db))],
  exports: [EventBus],
})
class CommandLineEventsModule {}

/** The controllers' guards are made with their modules, here too; nothing calls them. */
@Global()
@Module({ providers: [RateLimiter], exports: [RateLimiter] })
class CommandLineGuardsModule {}

/** `npm run admin`: the server's modules and database, without its HTTP side. */
@Module({
  imports: [ConfigModule, MetricsModule, StorageModule, CommandLineEventsModule, RateLimitsModule, CommandLineGuardsModule, AdminModule],
})
export class AdminCliModule {}
