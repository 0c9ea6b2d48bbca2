import { applyDecorators, ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { ErrorCode } from '@chatroom/shared';
import { ApiException } from './api-exception';
import type { AuthenticatedRequest } from './authenticated-request';

/**
 * Limits per signed-in user where there is one (sending), else per client address (register,
 * login). Answers 429 with Retry-After in seconds.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const { user, ip } = request as unknown as AuthenticatedRequest;
    return user ? `user:${user.username}` : `ip:${ip ?? 'unknown'}`;
  }

  /** One budget per limit and caller across routes: register and login share the `auth` budget. */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return rateLimitKey(throttlerName, tracker);
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw rateLimited(retryAfterSeconds(detail.timeToBlockExpire));
  }
}

export const rateLimitKey = (throttlerName: string, tracker: string): string => `${throttlerName}:${tracker}`;

export const retryAfterSeconds = (timeToBlockExpire: number): number => Math.max(1, Math.ceil(timeToBlockExpire));

export function rateLimited(retryAfter: number): ApiException {
  return new ApiException(ErrorCode.RateLimited, `Too many requests; try again in ${retryAfter} s.`, undefined, {
    retryAfterSeconds: retryAfter,
  });
}

/** The named limits, configured in the AppModule: `auth` per client address, `send` per user. */
export type RateLimitName = 'auth' | 'send';

/** Applies one named rate limit to a route, and only that one. */
export const UseRateLimit = (name: RateLimitName) =>
  applyDecorators(UseGuards(RateLimitGuard), SkipThrottle({ [name === 'auth' ? 'send' : 'auth']: true }));
