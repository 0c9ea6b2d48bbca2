import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectThrottlerOptions, InjectThrottlerStorage, ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
import { ErrorCode } from '@chatroom/shared';
import { ApiException } from './api-exception';
import type { AuthenticatedRequest } from './authenticated-request';

/** The named limits, configured once in the AppModule's ThrottlerModule: `auth` per client address, `send` per user. */
export type RateLimitName = 'auth' | 'send';

interface Limit {
  ttl: number;
  limit: number;
  blockDuration: number;
}

/**
 * Counts a caller's requests against one named limit of the ThrottlerModule's table and refuses
 * those over it with 429 and Retry-After. Both the guard and the fast path count through here, so a
 * limit means the same on every path.
 */
@Injectable()
export class RateLimiter {
  private readonly limits = new Map<string, Limit>();

  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
  ) {
    for (const { name = 'default', ttl, limit, blockDuration = ttl } of Array.isArray(options) ? options : options.throttlers) {
      if (typeof ttl !== 'number' || typeof limit !== 'number' || typeof blockDuration !== 'number') {
        throw new Error(`Rate limit ${name}: ttl, limit and blockDuration must be numbers`);
      }
      this.limits.set(name, { ttl, limit, blockDuration });
    }
  }

  /** Counts one request of `caller` (see callerKey) against the limit `name`; throws once it is used up. */
  async consume(name: RateLimitName, caller: string): Promise<void> {
    const limit = this.limits.get(name);
    if (!limit) throw new Error(`No rate limit named ${name} in the ThrottlerModule configuration`);
    const usage = await this.storage.increment(`${name}:${caller}`, limit.ttl, limit.limit, limit.blockDuration, name);
    if (usage.isBlocked) {
      const retryAfter = Math.max(1, Math.ceil(usage.timeToBlockExpire));
      throw new ApiException(ErrorCode.RateLimited, `Too many requests; try again in ${retryAfter} s.`, undefined, {
        retryAfterSeconds: retryAfter,
      });
    }
  }
}

/** Per signed-in user where there is one (sending), else per client address (register, login). */
export function callerKey(username: string | undefined, ip: string | undefined): string {
  return username === undefined ? `ip:${ip ?? 'unknown'}` : `user:${username}`;
}

const RATE_LIMIT = 'chatroom:rateLimit';

@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const name = this.reflector.get<RateLimitName | undefined>(RATE_LIMIT, context.getHandler());
    if (name === undefined) return true;
    const { user, ip } = context.switchToHttp().getRequest<Partial<AuthenticatedRequest>>();
    await this.limiter.consume(name, callerKey(user?.username, ip));
    return true;
  }
}

/** Applies one named rate limit to a route. Register and login share the `auth` budget: one per limit and caller. */
export const UseRateLimit = (name: RateLimitName) => applyDecorators(SetMetadata(RATE_LIMIT, name), UseGuards(RateLimitGuard));
