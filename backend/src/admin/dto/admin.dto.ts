import { SuspensionResponse, USERNAME_PATTERN } from '@chatroom/shared';
import { Matches } from 'class-validator';

export class UsernameParam {
  /** A username, in any case. */
  @Matches(USERNAME_PATTERN, { message: 'name must be a username.' })
  name: string;
}

export class SuspensionResponseDto implements SuspensionResponse {
  username: string;
  suspended: boolean;
}
