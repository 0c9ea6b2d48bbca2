import { Injectable } from '@nestjs/common';
import { CreatedInvite, ErrorCode, Invite, LIMITS } from '@chatroom/shared';
import { ApiException } from '../common/api-exception';
import { hashCode, newCode } from '../common/secret-code';
import type { Executor } from '../storage/executor';
import { InvitesRepository } from './invites.repository';

const HOUR_MS = 60 * 60 * 1000;

export interface InviteOptions {
  uses?: number;
  expiresInHours?: number;
  note?: string;
}

/** Invite codes: made by the server's admins, each good for a number of registrations until it expires. */
@Injectable()
export class InvitesService {
  constructor(private readonly invites: InvitesRepository) {}

  /** `createdBy`: the admin, or null from the command line. The code is in the answer only: the table keeps its hash. */
  async create(createdBy: string | null, options: InviteOptions = {}): Promise<CreatedInvite> {
    const code = newCode();
    const now = Date.now();
    const invite = await this.invites.insert({
      codeHash: hashCode(code),
      uses: options.uses ?? LIMITS.inviteUsesDefault,
      expiresAt: new Date(now + (options.expiresInHours ?? LIMITS.inviteHoursDefault) * HOUR_MS).toISOString(),
      note: options.note ?? null,
      createdBy,
      createdAt: new Date(now).toISOString(),
    });
    return { ...invite, code };
  }

  list(): Promise<Invite[]> {
    return this.invites.list();
  }

  async remove(id: number): Promise<void> {
    if (!(await this.invites.delete(id))) throw new ApiException(ErrorCode.NotFound, `No invite with id ${id}.`, 'id');
  }

  /** Uses up one registration of `code` inside the registering transaction; 403 `invite_invalid` when it has none left. */
  async claim(trx: Executor, code: string): Promise<void> {
    if (!(await this.invites.claim(trx, hashCode(code), new Date().toISOString()))) {
      throw new ApiException(ErrorCode.InviteInvalid, 'This invite code is unknown, expired or used up. Ask for a new one.', 'invite');
    }
  }
}
