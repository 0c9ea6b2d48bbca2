import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthResponse, ROUTES } from '@chatroom/shared';
import { assertActingUser } from '../common/acting-user';
import type { Request } from 'express';
import type { AuthenticatedRequest } from '../common/authenticated-request';
import { Public } from '../common/public.decorator';
import { UseRateLimit } from '../common/rate-limit.guard';
import { AuthService } from './auth.service';
import { AuthResponseDto, LoginDto, RegisterDto } from './dto/credentials.dto';
import { LogoutDto } from './dto/logout.dto';

@ApiTags('accounts')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Creates an account and signs it in. */
  @Public()
  @UseRateLimit('auth')
  @Post(ROUTES.register)
  register(@Body() body: RegisterDto): Promise<AuthResponseDto> {
    return this.auth.register(body.username, body.password);
  }

  /**
   * Opens a new session; a user may hold several. Failed logins are limited per account and per
   * address (not all logins per address, as registrations are), so one person's mistakes never
   * lock out everyone behind the same address.
   */
  @Public()
  @Post(ROUTES.login)
  @HttpCode(200)
  login(@Req() request: Request, @Body() body: LoginDto): Promise<AuthResponse> {
    return this.auth.login(body.username, body.password, request.ip ?? 'unknown');
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
