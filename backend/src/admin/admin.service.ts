import { Inject, Injectable } from '@nestjs/common';
import { CreatedInvite, ErrorCode, SuspensionResponse } from '@chatroom/shared';
import { randomBytes } from 'node:crypto';
import { AccountsService, DeletedAccount } from '../accounts/accounts.service';
import { AnnouncementFile } from '../announcements/announcement-file';
import { AuthService, IssuedResetCode } from '../auth/auth.service';
import { ApiException } from '../common/api-exception';
import { isServerAdmin } from '../common/server-admin.guard';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { EventBus } from '../events/event-bus';
import { InviteOptions, InvitesService } from '../invites/invites.service';
import { DatabaseBackup } from '../storage/database-backup';
import type { UserRecord } from '../users/users.repository';
import { UsersService } from '../users/users.service';

export interface SuspensionResult extends SuspensionResponse {
  /** Sessions that ended (suspending). */
  sessions: number;
}

export interface ListedUser {
  username: string;
  createdAt: string;
  status: 'active' | 'suspended' | 'deleted';
  /** In ADMIN_USERS. */
  admin: boolean;
}

/** The operator's toolbox: what `npm run admin` and the /admin routes do, over the same services as the API. */
@Injectable()
export class AdminService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly accounts: AccountsService,
    private readonly invites: InvitesService,
    private readonly bus: EventBus,
    private readonly backups: DatabaseBackup,
  ) {}

  /** A consistent copy of the SQLite database in `file`, taken while servers keep running. */
  backup(file: string): Promise<void> {
    return this.backups.copyTo(file);
  }

  /** Creates an account whatever REGISTRATION says; without a password, one is made up (and returned). */
  async createUser(username: string, password?: string): Promise<{ username: string; password: string }> {
    const chosen = password ?? randomBytes(12).toString('base64url');
    await this.users.create(username, chosen);
    return { username, password: chosen };
  }

  resetPassword(name: string): Promise<IssuedResetCode> {
    return this.auth.issueResetCode(name);
  }

  /** Suspends an account: it cannot sign in, and its sessions end at once on every instance. */
  async suspend(name: string): Promise<SuspensionResult> {
    const user = await this.activeUser(name);
    await this.users.setSuspended(user.username, true);
    const sessions = await this.auth.endSessions(user.username);
    return { username: user.username, suspended: true, sessions };
  }

  async unsuspend(name: string): Promise<SuspensionResult> {
    const user = await this.activeUser(name);
    await this.users.setSuspended(user.username, false);
    return { username: user.username, suspended: false, sessions: 0 };
  }

  deleteUser(name: string, erase: boolean): Promise<DeletedAccount> {
    return this.accounts.delete(name, erase);
  }

  async listUsers(): Promise<ListedUser[]> {
    return (await this.users.list()).map((user) => ({
      username: user.username,
      createdAt: user.createdAt,
      status: user.deactivated ? 'deleted' : user.suspended ? 'suspended' : 'active',
      admin: isServerAdmin(this.config, user.username),
    }));
  }

  invite(options: InviteOptions): Promise<CreatedInvite> {
    return this.invites.create(null, options);
  }

  /**
   * Writes the announcement file and tells the running servers, which deliver the new text to
   * everyone (a server that is not running delivers it when it starts). Delivery is theirs: on
   * SQLite only the server may append messages.
   */
  async announce(text: string): Promise<string> {
    const file = new AnnouncementFile(this.config.announcementFile);
    await file.write(text.trim());
    await this.bus.publish({ type: 'announcement_changed' });
    return file.path;
  }

  private async activeUser(name: string): Promise<UserRecord> {
    const user = await this.users.find(name);
    if (!user) throw new ApiException(ErrorCode.NotFound, `No such user: ${name}.`, 'name');
    if (user.deactivated) throw new ApiException(ErrorCode.NotFound, `The account ${user.username} is deleted.`, 'name');
    return user;
  }
}
