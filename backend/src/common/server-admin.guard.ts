import { CanActivate, ExecutionContext, Inject, Injectable, UseGuards } from '@nestjs/common';
import { ErrorCode } from '@chatroom/shared';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ApiException } from './api-exception';
import type { AuthenticatedRequest } from './authenticated-request';

/** Whether `username` is one of ADMIN_USERS (names compared ignoring case, as usernames are). */
export function isServerAdmin(config: AppConfig, username: string): boolean {
  return config.adminUsers.has(username.toLowerCase());
}

/** Lets through the server's admins (ADMIN_USERS) only; runs after the AuthGuard has named the caller. */
@Injectable()
export class ServerAdminGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const { user } = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!isServerAdmin(this.config, user.username)) {
      throw new ApiException(ErrorCode.Forbidden, 'Only server admins (ADMIN_USERS) may do that.');
    }
    return true;
  }
}

/** A route for the server's admins (ADMIN_USERS) only: 403 `forbidden` for everyone else. */
export const ServerAdminOnly = () => UseGuards(ServerAdminGuard);
