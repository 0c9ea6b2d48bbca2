import { Inject, Injectable } from '@nestjs/common';
import { AccountSettings, AccountSettingsRequest, ErrorCode } from '@chatroom/shared';
import { ApiException } from '../common/api-exception';
import { storedTime } from '../common/validators';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { Executor } from '../storage/executor';
import { DATABASE, Database } from '../storage/schema';
import { dummyHash, hashPassword, verifyPassword } from './password-hasher';
import { UserRecord, UsersRepository } from './users.repository';

/**
 * Accounts. Usernames are unique ignoring case; everywhere else a user is named by the spelling they
 * registered. A deleted account keeps its row, so its name stays taken and its messages keep their sender.
 */
@Injectable()
export class UsersService {
  /** lower-cased name -> registered spelling. Accounts are never renamed and their rows never removed, so it never goes stale. */
  private readonly canonical = new Map<string, string>();
  private readonly passwordHashCost: number;
  /** Made at start-up, at the cost of new hashes, so unknown names take as long as known ones. */
  private readonly dummyHash: Promise<string>;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly users: UsersRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.passwordHashCost = config.passwordHashCost;
    this.dummyHash = dummyHash(config.passwordHashCost);
  }

  /**
   * Creates the account; 409 `username_taken` when the name is taken. `claim` runs in the same
   * transaction first (an invite's use): if the name turns out taken, what it took is given back.
   */
  async create(username: string, password: string, claim?: (trx: Executor) => Promise<void>): Promise<void> {
    const passwordHash = await hashPassword(password, this.passwordHashCost);
    await this.db.transaction().execute(async (trx) => {
      await claim?.(trx);
      if (!(await this.users.insert(username, passwordHash, new Date().toISOString(), trx))) {
        throw new ApiException(ErrorCode.UsernameTaken, `The username "${username}" is taken.`, 'username');
      }
    });
    this.canonical.set(username.toLowerCase(), username);
  }

  /**
   * The account when the password matches and the account is not deleted, else undefined; as slow
   * for unknown and deleted names as for the others. Suspension is the caller's to check.
   */
  async verifyCredentials(username: string, password: string): Promise<UserRecord | undefined> {
    const user = await this.users.findByName(username);
    const usable = user && !user.deactivated ? user : undefined;
    const matches = await verifyPassword(password, usable?.passwordHash ?? (await this.dummyHash));
    return matches ? usable : undefined;
  }

  /** The account named `name` (any case), deleted ones included. */
  find(name: string): Promise<UserRecord | undefined> {
    return this.users.findByName(name);
  }

  /** Every account, oldest first. */
  list(): Promise<UserRecord[]> {
    return this.users.list();
  }

  async setPassword(username: string, password: string): Promise<void> {
    await this.users.setPasswordHash(username, await hashPassword(password, this.passwordHashCost));
  }

  async setSuspended(username: string, suspended: boolean): Promise<void> {
    await this.users.setSuspendedAt(username, suspended ? new Date().toISOString() : null);
  }

  /** Deletes the account, keeping its name taken; false when it was deleted already. */
  deactivate(username: string): Promise<boolean> {
    return this.users.deactivate(username, new Date().toISOString());
  }

  /** The account's settings, shared by all its sessions. */
  settings(username: string): Promise<AccountSettings> {
    return this.users.settings(username);
  }

  /** Those of `usernames` who let others see where they stopped reading. */
  sharingReadReceipts(usernames: string[]): Promise<string[]> {
    return this.users.sharing(usernames, 'share_read_receipts');
  }

  /** Whether `username` lets others see when they type. */
  async sharesTyping(username: string): Promise<boolean> {
    return (await this.users.sharing([username], 'share_typing')).length > 0;
  }

  /** Changes the settings given and keeps the others. */
  updateSettings(username: string, request: AccountSettingsRequest): Promise<AccountSettings> {
    return this.users.updateSettings(username, {
      ...(request.dnd_until !== undefined && { dnd_until: storedTime(request.dnd_until) }),
      ...(request.share_read_receipts !== undefined && { share_read_receipts: request.share_read_receipts }),
      ...(request.share_typing !== undefined && { share_typing: request.share_typing }),
    });
  }

  /** The registered spelling of a name, or undefined for no such user. */
  async resolve(name: string): Promise<string | undefined> {
    const key = name.toLowerCase();
    const known = this.canonical.get(key);
    if (known) return known;
    const found = (await this.users.canonicalNames([name])).get(key);
    if (found) this.canonical.set(key, found);
    return found;
  }

  /** Registered spellings of the names that exist, and the names that do not. */
  async resolveMany(names: string[]): Promise<{ found: string[]; unknown: string[] }> {
    const missing = names.filter((name) => !this.canonical.has(name.toLowerCase()));
    for (const [key, username] of await this.users.canonicalNames(missing)) this.canonical.set(key, username);
    const found: string[] = [];
    const unknown: string[] = [];
    for (const name of names) {
      const username = this.canonical.get(name.toLowerCase());
      if (username) found.push(username);
      else unknown.push(name);
    }
    return { found, unknown };
  }
}
