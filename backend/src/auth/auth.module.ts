import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { InvitesModule } from '../invites/invites.module';
import { PresenceModule } from '../presence/presence.module';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard, BearerAuth } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { PasswordResetsRepository } from './password-resets.repository';
import { SessionsRepository } from './sessions.repository';

@Module({
  imports: [UsersModule, PresenceModule, InvitesModule],
  controllers: [AuthController],
  providers: [SessionsRepository, PasswordResetsRepository, LoginThrottle, AuthService, BearerAuth, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, BearerAuth],
})
export class AuthModule {}
