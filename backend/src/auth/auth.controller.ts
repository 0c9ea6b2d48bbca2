import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthResponse, ErrorCode, ROUTES } from '@chatroom/shared';
import type { Request } from 'express';
import { assertActingUser } from '../common/acting-user';
import { ApiException } from '../common/api-exception';
import type { AuthenticatedRequest } from '../common/authenticated-request';
import { Public } from '../common/public.decorator';
import { UseRateLimit } from '../common/rate-limit.guard';
import { AuthService, Client } from './auth.service';
import { AuthResponseDto, LoginDto, RegisterDto } from './dto/credentials.dto';
import { LogoutDto } from './dto/logout.dto';

/** The address (as TRUST_PROXY has Express read it) and browser a request comes from. */
export function clientOf(request: Request): Client {
  return { address: request.ip ?? 'unknown', userAgent: request.headers['user-agent'] };
}

@ApiTags('accounts')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /**
   * Creates an account and signs it in, as REGISTRATION allows: 403 `registration_closed`, or
   * `invite_required` / `invite_invalid` when the server takes new accounts by invite.
   */
  @Public()
  @UseRateLimit('auth')
  @Post(ROUTES.register)
  register(@Req() request: Request, @Body() body: RegisterDto): Promise<AuthResponseDto> {
    return this.auth.register(body.username, body.password, body.invite, clientOf(request));
  }

  /**
   * Opens a new session; a user may hold several. Failed logins are limited per account and per
   * address (not all logins per address, as registrations are), so one person's mistakes never
   * lock out everyone behind the same address. With `reset_code` and `new_password` instead of
   * `password`: sets the new password, ends every other session, and signs in.
   */
  @Public()
  @Post(ROUTES.login)
  @HttpCode(200)
  login(@Req() request: Request, @Body() body: LoginDto): Promise<AuthResponse> {
    if (body.reset_code === undefined) {
      if (body.new_password !== undefined) {
        throw new ApiException(ErrorCode.ValidationFailed, 'new_password goes with reset_code: to change a known password, use POST /me/password.', 'new_password');
      }
      return this.auth.login(body.username, body.password ?? '', clientOf(request));
    }
    if (body.password !== undefined) {
      throw new ApiException(ErrorCode.ValidationFailed, 'Send either password, or reset_code with new_password: not both.', 'reset_code');
    }
    return this.auth.loginWithResetCode(body.username, body.reset_code, body.new_password ?? '', clientOf(request));
  }

  /** Revokes the token this request carries. */
  @ApiBearerAuth()
  @Post(ROUTES.logout)
  @HttpCode(200)
  async logout(@Req() request: AuthenticatedRequest, @Body() body: LogoutDto): Promise<{ ok: true }> {
    assertActingUser(body.username, request.user.username, 'username');
    await this.auth.logout(request.user);
    return { ok: true };
  }
}
