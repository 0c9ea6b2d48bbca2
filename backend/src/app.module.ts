import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { AccountsModule } from './accounts/accounts.module';
import { AnnouncementsModule } from './announcements/announcements.module';
import { AuthModule } from './auth/auth.module';
import { EdgeModule } from './common/edge.module';
import { RateLimitStorage } from './common/rate-limit-storage';
import { APP_LOGGER } from './common/request-log';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { ConversationsModule } from './conversations/conversations.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { LifecycleModule } from './http/lifecycle.module';
import { HttpModule } from './http/http.module';
import { InvitesModule } from './invites/invites.module';
import { MessagesModule } from './messages/messages.module';
import { PresenceModule } from './presence/presence.module';
import { RoomsModule } from './rooms/rooms.module';
import { ServerInfoModule } from './server-info/server-info.module';
import { StorageModule } from './storage/storage.module';

const MINUTE_MS = 60_000;

@Module({
  imports: [
    ConfigModule,
    LifecycleModule,
    EdgeModule,
    // Nest's own lines go to the application's logger; request lines come from the edge's
    // RequestLog (one line shape on every path), so pino-http's middleware is not installed.
    LoggerModule.forRootAsync({
      inject: [APP_LOGGER],
      useFactory: (logger: Logger) => ({ pinoHttp: { logger }, forRoutes: [] }),
    }),
    // The one table of rate limits; RateLimiter counts against it on every path.
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [
          { name: 'auth', ttl: MINUTE_MS, limit: config.rateLimits.authPerMinute },
          { name: 'send', ttl: MINUTE_MS, limit: config.rateLimits.sendPerMinute },
        ],
        storage: new RateLimitStorage(),
      }),
    }),
    StorageModule,
    EventsModule,
    AuthModule,
    PresenceModule,
    RoomsModule,
    MessagesModule,
    ConversationsModule,
    AnnouncementsModule,
    InvitesModule,
    AccountsModule,
    ServerInfoModule,
    HealthModule,
    HttpModule,
  ],
})
export class AppModule {}
