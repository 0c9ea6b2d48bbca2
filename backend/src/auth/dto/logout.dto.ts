import { LogoutRequest } from '@chatroom/shared';
import { IsString } from 'class-validator';
import { IsStorableText, Optional } from '../../common/validators';

export class LogoutDto implements LogoutRequest {
  /** Accepted from old clients; must be the signed-in user. */
  @Optional()
  @IsString()
  @IsStorableText()
  username?: string;
}
