import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { AnnouncementsModule } from './announcements/announcements.module';
import { AuthModule } from './auth/auth.module';
import { APP_CONFIG, AppConfig, logsRequests } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { ConversationsModule } from './conversations/conversations.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { LifecycleModule } from './http/lifecycle.module';
import { MessagesModule } from './messages/messages.module';
import { PresenceModule } from './presence/presence.module';
import { RoomsModule } from './rooms/rooms.module';
import { StorageModule } from './storage/storage.module';

const MINUTE_MS = 60_000;

@Module({
  imports: [
    ConfigModule,
    LifecycleModule,
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        return {
          pinoHttp: {
            level: config.logLevel,
            // Tokens must never reach the logs.
            redact: ['req.headers.authorization'],
            customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
          },
          // Request lines are logged at info; above that level the per-request middleware (a child
          // logger serialising every request) would be pure cost, so it is not installed.
          ...(logsRequests(config) ? {} : { forRoutes: [] }),
        };
      },
    }),
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => [
        { name: 'auth', ttl: MINUTE_MS, limit: config.rateLimits.authPerMinute },
        { name: 'send', ttl: MINUTE_MS, limit: config.rateLimits.sendPerMinute },
      ],
    }),
    StorageModule,
    EventsModule,
    AuthModule,
    PresenceModule,
    RoomsModule,
    MessagesModule,
    ConversationsModule,
    AnnouncementsModule,
    HealthModule,
  ],
})
export class AppModule {}
