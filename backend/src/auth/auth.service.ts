import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { AuthResponse, ErrorCode } from '@chatroom/shared';
import { Subscription } from 'rxjs';
import { ApiException } from '../common/api-exception';
import type { AuthenticatedUser } from '../common/authenticated-request';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { EventBus } from '../events/event-bus';
import { UsersService } from '../users/users.service';
import { LoginThrottle } from './login-throttle';
import { SessionRecord, SessionsRepository } from './sessions.repository';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long a looked-up session is trusted without asking the database again. */
const SESSION_CACHE_MS = 60_000;
const SESSION_CACHE_MAX = 50_000;

interface CachedSession {
  tokenHash: string;
  username: string;
  expiresAtMs: number;
  cachedUntilMs: number;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

@Injectable()
export class AuthService implements OnModuleInit, OnModuleDestroy {
  // Every request is authenticated: a cache, keyed by the token itself, spares the database a read
  // and the token a hash per request. Revocations reach every instance's cache through the event bus.
  private readonly cache = new Map<string, CachedSession>();
  /** Counts sign-outs heard, so a session read from the database while one happened is read again. */
  private revocations = 0;
  private readonly logger = new Logger(AuthService.name);
  private subscription?: Subscription;
  private sweepTimer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly sessions: SessionsRepository,
    private readonly bus: EventBus,
    private readonly loginThrottle: LoginThrottle,
  ) {}

  onModuleInit(): void {
    this.subscription = this.bus.events$.subscribe((event) => {
      if (event.type === 'token_revoked') this.forget(event.tokenHash);
      // Revocations may have been missed while the bus was down: trust only the database again.
      else if (event.type === 'resync') {
        this.revocations++;
        this.cache.clear();
      }
    });
    this.sweepTimer = setInterval(() => {
      // Expired sessions are refused anyway; deleting them only keeps the table small, so a
      // failure waits for the next sweep rather than ending the server.
      this.sessions.deleteExpired(new Date().toISOString()).catch((error: unknown) => this.logger.warn(`Could not delete expired sessions: ${String(error)}`));
    }, 60 * 60 * 1000);
    this.sweepTimer.unref();
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    clearInterval(this.sweepTimer);
  }

  async register(username: string, password: string): Promise<AuthResponse> {
    if (!(await this.users.create(username, password))) {
      throw new ApiException(ErrorCode.UsernameTaken, `The username "${username}" is taken.`, 'username');
    }
    return this.openSession(username);
  }

  /** Opens a session when the password matches; failures are limited per account and per `address` (LoginThrottle). */
  async login(username: string, password: string, address: string): Promise<AuthResponse> {
    const canonical = await this.loginThrottle.attempt(username, address, () => this.users.verifyCredentials(username, password));
    if (canonical === undefined) {
      throw new ApiException(ErrorCode.InvalidCredentials, 'Wrong username or password.');
    }
    return this.openSession(canonical);
  }

  /** Revokes one session on every instance: its cached copies are forgotten and its waiting polls answered 401. */
  async logout({ username, tokenHash }: AuthenticatedUser): Promise<void> {
    await this.sessions.delete(tokenHash);
    this.forget(tokenHash);
    await this.bus.publish({ type: 'token_revoked', tokenHash, username });
  }

  /** The username a bearer token belongs to, or undefined if it is unknown, expired or revoked. */
  async authenticate(token: string): Promise<AuthenticatedUser | undefined> {
    const now = Date.now();
    let session = this.cache.get(token);
    if (!session || session.cachedUntilMs <= now) {
      const tokenHash = hashToken(token);
      let found: SessionRecord | undefined;
      let heard: number;
      // A sign-out heard while the row was being read may have deleted it after the read saw it:
      // read again rather than cache a revoked session.
      do {
        heard = this.revocations;
        found = await this.sessions.find(tokenHash);
      } while (heard !== this.revocations);
      if (!found) {
        this.cache.delete(token);
        return undefined;
      }
      if (this.cache.size >= SESSION_CACHE_MAX) this.cache.clear();
      session = { tokenHash, username: found.username, expiresAtMs: Date.parse(found.expiresAt), cachedUntilMs: now + SESSION_CACHE_MS };
      this.cache.set(token, session);
    }
    if (session.expiresAtMs <= now) return undefined;
    return { username: session.username, tokenHash: session.tokenHash };
  }

  /** Sign-outs are rare: a scan is cheaper than hashing every request's token to key the cache by hash. */
  private forget(tokenHash: string): void {
    this.revocations++;
    for (const [token, session] of this.cache) if (session.tokenHash === tokenHash) this.cache.delete(token);
  }

  private async openSession(username: string): Promise<AuthResponse> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.config.tokenTtlDays * DAY_MS).toISOString();
    await this.sessions.insert(hashToken(token), username, now.toISOString(), expiresAt);
    return { username, token, expires_at: expiresAt };
  }
}
