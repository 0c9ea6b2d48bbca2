import { Inject, Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { ErrorCode } from '@chatroom/shared';
import { ApiException } from '../common/api-exception';
import { APP_CONFIG, AppConfig } from '../config/app-config';

const WINDOW_MS = 60_000;
const THROTTLER_NAME = 'login-failures';
/** Beyond this many remembered keys, expired ones are dropped before another is added. */
const TALLY_SWEEP_SIZE = 10_000;

/** What this instance knows of one account's or one address's failed logins. */
interface Tally {
  /** Failures in the window, as the throttler storage last counted them. */
  failures: number;
  /** When every failure counted above has left the window. */
  countedUntil: number;
  /** Refused until then (0: not refused). */
  blockedUntil: number;
  /** Logins being checked right now: each may still fail. */
  inFlight: number;
}

/**
 * Failed logins are limited per account and per client address, as Synapse does. An account
 * that failed too often is refused from every address for a minute, so guessing one password from
 * many addresses stays slow; an address that failed too often is refused for any account, so
 * trying many accounts from one address does too. Successful logins count for neither: the people
 * behind one NAT address keep signing in while one of them mistypes, and the per-account limit is
 * well below the per-address one, so one account's guesser is stopped long before the address is.
 *
 * The throttler storage counts the failures. A login is refused before its password is checked
 * while its account or address is refused, and also when the failures counted plus the logins
 * being checked reach the limit: concurrent guesses cannot overshoot it.
 */
@Injectable()
export class LoginThrottle {
  private readonly tallies = new Map<string, Tally>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ThrottlerStorage) private readonly storage: ThrottlerStorage,
  ) {}

  /**
   * Runs `check` (the password check) unless the account or the address is refused (429), and
   * returns its result; an undefined result is a failure, and counted.
   */
  async attempt<T>(username: string, address: string, check: () => Promise<T | undefined>): Promise<T | undefined> {
    const limits = this.limitsFor(username, address);
    const now = Date.now();
    for (const { key, limit, what } of limits) {
      const waitMs = this.waitMs(this.tally(key, now), limit, now);
      if (waitMs > 0) throw tooManyFailures(what, waitMs);
    }
    for (const { key } of limits) this.tally(key, now).inFlight++;
    try {
      const result = await check();
      if (result === undefined) await this.countFailure(limits);
      return result;
    } finally {
      // Only once the failure is counted: until then it still holds its place in the budget.
      for (const { key } of limits) this.tally(key, Date.now()).inFlight--;
    }
  }

  /** Counts a failure for the account and the address; throws 429 when that makes either refused. */
  private async countFailure(limits: { key: string; limit: number; what: string }[]): Promise<void> {
    let refused: ApiException | undefined;
    for (const { key, limit, what } of limits) {
      // Blocked from the limit-th failure on, so that no further password is checked.
      const record = await this.storage.increment(key, WINDOW_MS, limit - 1, WINDOW_MS, THROTTLER_NAME);
      const at = Date.now();
      const tally = this.tally(key, at);
      tally.failures = record.totalHits;
      tally.countedUntil = at + WINDOW_MS;
      if (record.isBlocked) {
        tally.blockedUntil = at + record.timeToBlockExpire * 1000;
        refused ??= tooManyFailures(what, record.timeToBlockExpire * 1000);
      }
    }
    if (refused) throw refused;
  }

  private limitsFor(username: string, address: string): { key: string; limit: number; what: string }[] {
    const { loginFailuresPerAccountPerMinute, loginFailuresPerAddressPerMinute } = this.config.rateLimits;
    return [
      { key: `${THROTTLER_NAME}:account:${username.toLowerCase()}`, limit: loginFailuresPerAccountPerMinute, what: 'this account' },
      { key: `${THROTTLER_NAME}:ip:${address}`, limit: loginFailuresPerAddressPerMinute, what: 'your address' },
    ];
  }

  /** How long a new attempt must wait, or 0 when it may go ahead. */
  private waitMs(tally: Tally, limit: number, now: number): number {
    if (tally.blockedUntil > now) return tally.blockedUntil - now;
    if (tally.failures + tally.inFlight < limit) return 0;
    // The budget is spent, or will be if the logins being checked fail.
    return Math.max(tally.countedUntil - now, 1);
  }

  private tally(key: string, now: number): Tally {
    let tally = this.tallies.get(key);
    if (tally && tally.countedUntil <= now) tally.failures = 0;
    if (tally && tally.inFlight === 0 && tally.failures === 0 && tally.blockedUntil <= now) {
      this.tallies.delete(key);
      tally = undefined;
    }
    if (!tally) {
      if (this.tallies.size >= TALLY_SWEEP_SIZE) this.sweep(now);
      tally = { failures: 0, countedUntil: 0, blockedUntil: 0, inFlight: 0 };
      this.tallies.set(key, tally);
    }
    return tally;
  }

  private sweep(now: number): void {
    for (const [key, tally] of this.tallies) {
      if (tally.inFlight === 0 && tally.countedUntil <= now && tally.blockedUntil <= now) this.tallies.delete(key);
    }
  }
}

function tooManyFailures(what: string, waitMs: number): ApiException {
  const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new ApiException(
    ErrorCode.RateLimited,
    `Too many failed logins for ${what}; try again in ${retryAfterSeconds} s.`,
    undefined,
    { retryAfterSeconds },
  );
}
