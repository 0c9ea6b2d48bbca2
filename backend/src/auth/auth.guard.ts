import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode } from '@chatroom/shared';
import { ApiException } from '../common/api-exception';
import type { AuthenticatedRequest, AuthenticatedUser } from '../common/authenticated-request';
import { IS_PUBLIC } from '../common/public.decorator';
import { PresenceService } from '../presence/presence.service';
import { AuthService } from './auth.service';

/**
 * The caller named by an `Authorization: Bearer` header, for the guard and the fast path alike:
 * 401 without a live session; a seen token marks its user online.
 */
@Injectable()
export class BearerAuth {
  constructor(
    private readonly auth: AuthService,
    private readonly presence: PresenceService,
  ) {}

  async authenticate(authorization: string | undefined): Promise<AuthenticatedUser> {
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : undefined;
    if (!token) {
      throw new ApiException(ErrorCode.Unauthenticated, 'Sign in first: send Authorization: Bearer <token>.', 'Authorization');
    }
    const user = await this.auth.authenticate(token);
    if (!user) {
      throw new ApiException(ErrorCode.Unauthenticated, 'Your session has expired or was signed out. Sign in again.', 'Authorization');
    }
    this.presence.seen(user.username);
    return user;
  }
}

/** Every route needs a bearer token unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly bearer: BearerAuth,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.user = await this.bearer.authenticate(request.headers.authorization);
    return true;
  }
}
