import { Injectable } from '@nestjs/common';
import { hashPassword, verifyPassword, DUMMY_HASH_PROMISE } from './password-hasher';
import { UsersRepository } from './users.repository';

/** Accounts. Usernames are unique ignoring case; everywhere else a user is named by the spelling they registered. */
@Injectable()
export class UsersService {
  /** lower-cased name -> registered spelling. Accounts are never deleted or renamed, so it never goes stale. */
  private readonly canonical = new Map<string, string>();

  constructor(private readonly users: UsersRepository) {}

  /** Creates the account; returns false when the name is taken. */
  async create(username: string, password: string): Promise<boolean> {
    const created = await this.users.insert(username, await hashPassword(password), new Date().toISOString());
    if (created) this.canonical.set(username.toLowerCase(), username);
    return created;
  }

  /** The registered spelling when the password matches, else undefined; as slow for unknown names as for known. */
  async verifyCredentials(username: string, password: string): Promise<string | undefined> {
    const user = await this.users.findByName(username);
    const matches = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH_PROMISE));
    return user && matches ? user.username : undefined;
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
