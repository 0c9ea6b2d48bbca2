import { LogoutRequest } from '@chatroom/shared';
import { IsOptional, IsString } from 'class-validator';

export class LogoutDto implements LogoutRequest {
  /** Accepted from old clients; must be the signed-in user. */
  @IsOptional()
  @IsString()
  username?: string;
}
