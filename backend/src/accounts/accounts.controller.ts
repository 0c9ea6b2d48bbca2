import { Body, Controller, Delete, Get, HttpCode, Logger, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ROUTES } from '@chatroom/shared';
import type { Request, Response } from 'express';
import { once } from 'node:events';
import { clientOf } from '../auth/auth.controller';
import { AuthService } from '../auth/auth.service';
import type { AuthenticatedRequest } from '../common/authenticated-request';
import { CurrentUser } from '../common/current-user.decorator';
import { UsersService } from '../users/users.service';
import { AccountsService } from './accounts.service';
import { AccountSettingsDto, AccountSettingsResponseDto, ChangePasswordDto, DeleteAccountDto, SessionIdParam, SessionsResponseDto } from './dto/account.dto';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller()
export class AccountsController {
  private readonly logger = new Logger(AccountsController.name);

  constructor(
    private readonly accounts: AccountsService,
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  /** Your account's settings, shared by all your sessions. */
  @Get(ROUTES.meSettings)
  settings(@CurrentUser() username: string): Promise<AccountSettingsResponseDto> {
    return this.users.settings(username);
  }

  /**
   * Changes your account's settings; fields left out keep their values. `dnd_until`: no desktop
   * notifications until then (the badge still counts). `share_read_receipts`, `share_typing`: whether
   * others see how far you have read and when you type (both true by default).
   */
  @Put(ROUTES.meSettings)
  updateSettings(@CurrentUser() username: string, @Body() body: AccountSettingsDto): Promise<AccountSettingsResponseDto> {
    return this.users.updateSettings(username, body);
  }

  /**
   * Changes the password; every other session of the account ends, on every instance (this one
   * stays). A wrong current password is 403 `wrong_password`, counted as a failed login.
   */
  @Post(ROUTES.mePassword)
  @HttpCode(200)
  async changePassword(@Req() request: AuthenticatedRequest, @Body() body: ChangePasswordDto): Promise<{ ok: true }> {
    await this.accounts.changePassword(request.user, body.current_password, body.new_password, clientOf(request).address);
    return { ok: true };
  }

  /** Your sessions, most recently used first; `current` is the one asking. */
  @Get(ROUTES.meSessions)
  async sessions(@Req() request: AuthenticatedRequest): Promise<SessionsResponseDto> {
    return { sessions: await this.auth.listSessions(request.user) };
  }

  /** Signs one of your sessions out, on every instance at once. */
  @Delete('/me/sessions/:id')
  async endSession(@CurrentUser() username: string, @Param() params: SessionIdParam): Promise<{ ok: true }> {
    await this.auth.endSession(username, params.id);
    return { ok: true };
  }

  /** Everything you can see, as one JSON file (AccountExport), streamed. */
  @Get(ROUTES.meExport)
  @ApiProduces('application/json')
  async export(@CurrentUser() username: string, @Res() response: Response): Promise<void> {
    const pieces = this.accounts.exportOf(username);
    // The first piece is read before answering: a failure up to there is an ordinary error answer.
    const first = await pieces.next();
    response.status(200);
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="chatroom-${username}.json"`);
    response.setHeader('Cache-Control', 'no-store');
    try {
      if (!first.done) await write(response, first.value);
      for await (const piece of pieces) {
        if (response.destroyed) return;
        await write(response, piece);
      }
      response.end();
    } catch (error) {
      // Half of the document is sent: the only honest answer left is to cut the connection.
      this.logger.error(`Export of ${username} failed: ${String(error)}`);
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /**
   * Deletes your account: your sessions end, your name stays taken, you leave your rooms (those you
   * administered pass to their longest-standing member); with `erase`, the text of your messages is
   * erased. A wrong password is 403 `wrong_password`, counted as a failed login.
   */
  @Delete(ROUTES.me)
  async deleteAccount(@Req() request: Request, @CurrentUser() username: string, @Body() body: DeleteAccountDto): Promise<{ ok: true }> {
    await this.accounts.deleteOwn(username, body.password, body.erase ?? false, clientOf(request).address);
    return { ok: true };
  }
}

/** Writes one piece, waiting while the client's connection is full; resolves early if the client went away. */
async function write(response: Response, piece: string): Promise<void> {
  if (response.write(piece)) return;
  await Promise.race([once(response, 'drain'), once(response, 'close')]);
}
