import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { AuthResponse, ErrorCode, SessionInfo } from '@chatroom/shared';
import { Subscription } from 'rxjs';
import { ApiException } from '../common/api-exception';
import type { AuthenticatedUser } from '../common/authenticated-request';
import { hashCode, newCode } from '../common/secret-code';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { EventBus } from '../events/event-bus';
import { InvitesService } from '../invites/invites.service';
import { PresenceService } from '../presence/presence.service';
import type { Executor } from '../storage/executor';
import { UsersService } from '../users/users.service';
import { LoginThrottle } from './login-throttle';
import { PasswordResetsRepository } from './password-resets.repository';
import { SessionRecord, SessionsRepository } from './sessions.repository';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long a looked-up session is trusted without asking the database again. */
const SESSION_CACHE_MS = 60_000;
const SESSION_CACHE_MAX = 50_000;
/** Sessions' last use is written this often, in one batch: `last_seen_at` is to the minute. */
const SEEN_WRITE_MS = 60_000;
/** How long a reset code from the admin command line works. */
const RESET_CODE_TTL_MS = DAY_MS;
/** User-Agent headers are kept to this length: enough to tell one browser from another. */
const USER_AGENT_MAX = 256;

interface CachedSession {
  tokenHash: string;
  username: string;
  expiresAtMs: number;
  cachedUntilMs: number;
  /** When this session was last queued for the `last_seen_at` write. */
  seenQueuedMs: number;
}

/** Where a request to open a session comes from. */
export interface Client {
  address: string;
  userAgent: string | undefined;
}

export interface IssuedResetCode {
  username: string;
  code: string;
  expiresAt: string;
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
  /** Token hashes of sessions used since `last_seen_at` was last written. */
  private readonly seen = new Set<string>();
  private readonly logger = new Logger(AuthService.name);
  private subscription?: Subscription;
  private sweepTimer?: NodeJS.Timeout;
  private seenTimer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly invites: InvitesService,
    private readonly sessions: SessionsRepository,
    private readonly resets: PasswordResetsRepository,
    private readonly bus: EventBus,
    private readonly loginThrottle: LoginThrottle,
    private readonly presence: PresenceService,
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
    this.seenTimer = setInterval(() => void this.writeSeen(), SEEN_WRITE_MS);
    this.seenTimer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.subscription?.unsubscribe();
    clearInterval(this.sweepTimer);
    clearInterval(this.seenTimer);
    await this.writeSeen();
  }

  /** Creates an account as REGISTRATION allows (an invite's use is taken in the same transaction) and signs it in. */
  async register(username: string, password: string, invite: string | undefined, client: Client): Promise<AuthResponse> {
    let claim: ((trx: Executor) => Promise<void>) | undefined;
    switch (this.config.registration) {
      case 'closed':
        throw new ApiException(ErrorCode.RegistrationClosed, "This server does not take new accounts; ask its admin for one.");
      case 'invite':
        if (invite === undefined) {
          throw new ApiException(ErrorCode.InviteRequired, 'This server takes new accounts by invite only: enter your invite code.', 'invite');
        }
        claim = (trx) => this.invites.claim(trx, invite);
        break;
      case 'open':
        break;
    }
    await this.users.create(username, password, claim);
    return this.openSession(username, client);
  }

  /** Opens a session when the password matches; failures are limited per account and per address (LoginThrottle). */
  async login(username: string, password: string, client: Client): Promise<AuthResponse> {
    const user = await this.loginThrottle.attempt(username, client.address, () => this.users.verifyCredentials(username, password));
    if (!user) throw new ApiException(ErrorCode.InvalidCredentials, 'Wrong username or password.');
    if (user.suspended) throw suspended();
    return this.openSession(user.username, client);
  }

  /**
   * Signs in with a one-time reset code and sets the new password; every other session of the
   * account ends, since whoever forgot the password may not be the only one who knew it. Wrong
   * codes count as failed logins.
   */
  async loginWithResetCode(username: string, resetCode: string, newPassword: string, client: Client): Promise<AuthResponse> {
    const user = await this.loginThrottle.attempt(username, client.address, async () => {
      const found = await this.users.find(username);
      if (!found || found.deactivated) return undefined;
      return (await this.resets.take(found.username, hashCode(resetCode), new Date().toISOString())) ? found : undefined;
    });
    if (!user) throw new ApiException(ErrorCode.InvalidCredentials, 'Wrong username or reset code, or the code has expired or was used.');
    if (user.suspended) throw suspended();
    await this.users.setPassword(user.username, newPassword);
    await this.endSessions(user.username);
    return this.openSession(user.username, client);
  }

  /** A one-time code with which `name` can sign in once and set a new password, for 24 hours; it replaces an earlier one. */
  async issueResetCode(name: string): Promise<IssuedResetCode> {
    const user = await this.users.find(name);
    if (!user || user.deactivated) throw new ApiException(ErrorCode.NotFound, `No such user: ${name}.`, 'username');
    const code = newCode();
    const expiresAt = new Date(Date.now() + RESET_CODE_TTL_MS).toISOString();
    await this.resets.put(user.username, hashCode(code), expiresAt);
    return { username: user.username, code, expiresAt };
  }

  /**
   * Checks the password of a signed-in user before a change to their account: 403
   * `wrong_password`, counted and limited exactly as failed logins are (LoginThrottle).
   */
  async confirmPassword(username: string, password: string, address: string, field: string): Promise<void> {
    if (!(await this.loginThrottle.attempt(username, address, () => this.users.verifyCredentials(username, password)))) {
      throw new ApiException(ErrorCode.WrongPassword, 'That password is wrong.', field);
    }
  }

  /** Sets a new password; reset codes issued before stop working. */
  async setPassword(username: string, password: string): Promise<void> {
    await this.users.setPassword(username, password);
    await this.resets.deleteOf(username);
  }

  /** Revokes one session on every instance: its cached copies are forgotten and its waiting polls answered 401. */
  async logout({ username, tokenHash }: AuthenticatedUser): Promise<void> {
    await this.sessions.delete(tokenHash);
    await this.revoked(username, [tokenHash]);
  }

  /** Ends every session of the user but `keep` (a token hash), on every instance at once; how many ended. */
  async endSessions(username: string, keep?: string): Promise<number> {
    const ended = await this.sessions.deleteAllOf(username, keep);
    await this.revoked(username, ended);
    return ended.length;
  }

  /** The caller's sessions, the one they asked with marked `current`. */
  async listSessions({ username, tokenHash }: AuthenticatedUser): Promise<SessionInfo[]> {
    await this.writeSeen();
    const sessions = await this.sessions.listOf(username, new Date().toISOString());
    return sessions.map((session) => ({
      id: session.id,
      created_at: session.createdAt,
      last_seen_at: session.lastSeenAt,
      user_agent: session.userAgent,
      current: session.tokenHash === tokenHash,
    }));
  }

  /** Ends one of the caller's sessions, named by its id, on every instance; 404 when they have none by that id. */
  async endSession(username: string, id: string): Promise<void> {
    const tokenHash = await this.sessions.deleteById(username, id);
    if (tokenHash === undefined) throw new ApiException(ErrorCode.NotFound, 'You have no session with that id.', 'id');
    await this.revoked(username, [tokenHash]);
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
      session = { tokenHash, username: found.username, expiresAtMs: Date.parse(found.expiresAt), cachedUntilMs: now + SESSION_CACHE_MS, seenQueuedMs: session?.seenQueuedMs ?? 0 };
      this.cache.set(token, session);
    }
    if (session.expiresAtMs <= now) return undefined;
    if (now - session.seenQueuedMs >= SEEN_WRITE_MS) {
      session.seenQueuedMs = now;
      this.seen.add(session.tokenHash);
    }
    return { username: session.username, tokenHash: session.tokenHash };
  }

  /**
   * Forgets revoked sessions here and tells every instance (their waiting polls answer 401), then
   * waits as long as the bus can tell that they have heard (EventBus.delivered: on PostgreSQL until
   * its NOTIFYs come back, for a bounded time), so that the next request is refused wherever it goes.
   */
  private async revoked(username: string, tokenHashes: string[]): Promise<void> {
    for (const tokenHash of tokenHashes) this.forget(tokenHash);
    if (tokenHashes.length > 0) await this.presence.sessionsEnded(tokenHashes);
    await Promise.all(tokenHashes.map((tokenHash) => this.bus.publish({ type: 'token_revoked', tokenHash, username })));
    await this.bus.delivered();
  }

  /** Sign-outs are rare: a scan is cheaper than hashing every request's token to key the cache by hash. */
  private forget(tokenHash: string): void {
    this.revocations++;
    this.seen.delete(tokenHash);
    for (const [token, session] of this.cache) if (session.tokenHash === tokenHash) this.cache.delete(token);
  }

  /** Never throws: a missed write only leaves `last_seen_at` a little older. */
  private async writeSeen(): Promise<void> {
    if (this.seen.size === 0) return;
    const tokenHashes = [...this.seen];
    this.seen.clear();
    try {
      await this.sessions.markSeen(tokenHashes, new Date().toISOString());
    } catch (error) {
      this.logger.warn(`Could not record when sessions were last used: ${String(error)}`);
    }
  }

  private async openSession(username: string, client: Client): Promise<AuthResponse> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.config.tokenTtlDays * DAY_MS).toISOString();
    const opened = await this.sessions.insertIfActive(username, {
      tokenHash: hashToken(token),
      id: randomBytes(16).toString('hex'),
      createdAt: now.toISOString(),
      expiresAt,
      userAgent: client.userAgent?.slice(0, USER_AGENT_MAX) ?? null,
    });
    // Suspended or deleted between the password check and now.
    if (!opened) throw suspended();
    return { username, token, expires_at: expiresAt };
  }
}

function suspended(): ApiException {
  return new ApiException(ErrorCode.AccountSuspended, "This account is suspended by the server's admin.");
}
