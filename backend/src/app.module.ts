import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { AccountsModule } from './accounts/accounts.module';
import { AdminModule } from './admin/admin.module';
import { AnnouncementsModule } from './announcements/announcements.module';
import { AuthModule } from './auth/auth.module';
import { EdgeModule } from './common/edge.module';
import { RateLimitsModule } from './common/rate-limits.module';
import { APP_LOGGER } from './common/request-log';
import { ConfigModule } from './config/config.module';
import { ConversationsModule } from './conversations/conversations.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { LifecycleModule } from './http/lifecycle.module';
import { HttpModule } from './http/http.module';
import { InvitesModule } from './invites/invites.module';
import { MessagesModule } from './messages/messages.module';
import { MetricsModule } from './metrics/metrics.module';
import { PresenceModule } from './presence/presence.module';
import { RetentionModule } from './retention/retention.module';
import { RoomsModule } from './rooms/rooms.module';
import { SearchModule } from './search/search.module';
import { ServerInfoModule } from './server-info/server-info.module';
import { StorageModule } from './storage/storage.module';
import { TypingModule } from './typing/typing.module';
import { UploadsModule } from './uploads/uploads.module';

@Module({
  imports: [
    ConfigModule,
    MetricsModule,
    LifecycleModule,
    EdgeModule,
    // Nest's own lines go to the application's logger; request lines come from the edge's
    // RequestLog (one line shape on every path), so pino-http's middleware is not installed.
    LoggerModule.forRootAsync({
      inject: [APP_LOGGER],
      useFactory: (logger: Logger) => ({ pinoHttp: { logger }, forRoutes: [] }),
    }),
    RateLimitsModule,
    StorageModule,
    EventsModule,
    AuthModule,
    PresenceModule,
    RoomsModule,
    MessagesModule,
    ConversationsModule,
    TypingModule,
    SearchModule,
    UploadsModule,
    AnnouncementsModule,
    InvitesModule,
    AccountsModule,
    AdminModule,
    ServerInfoModule,
    RetentionModule,
    HealthModule,
    HttpModule,
  ],
})
export class AppModule {}
