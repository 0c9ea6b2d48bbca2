import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode } from '@chatroom/shared';
import { ApiException } from '../common/api-exception';
import type { AuthenticatedRequest } from '../common/authenticated-request';
import { IS_PUBLIC } from '../common/public.decorator';
import { PresenceService } from '../presence/presence.service';
import { AuthService } from './auth.service';

/** Every route needs a bearer token unless marked @Public(); a seen token also marks its user online. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly presence: PresenceService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) {
      throw new ApiException(ErrorCode.Unauthenticated, 'Sign in first: send Authorization: Bearer <token>.', 'Authorization');
    }
    const user = await this.auth.authenticate(token);
    if (!user) {
      throw new ApiException(ErrorCode.Unauthenticated, 'Your session has expired or was signed out. Sign in again.', 'Authorization');
    }
    request.user = user;
    this.presence.seen(user.username);
    return true;
  }
}
