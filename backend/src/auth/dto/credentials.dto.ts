import { Credentials, LIMITS, RESERVED_USERNAME_PREFIX, SERVER_SENDER, USERNAME_PATTERN } from '@chatroom/shared';
import { IsString, Length, Matches, Validate, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { IsStorableText } from '../../common/validators';

@ValidatorConstraint({ name: 'notReservedUsername' })
class NotReservedUsername implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string') return true;
    const name = value.toLowerCase();
    return !name.startsWith(RESERVED_USERNAME_PREFIX) && name !== SERVER_SENDER;
  }
  defaultMessage(): string {
    return `username may not be "${SERVER_SENDER}" or start with "${RESERVED_USERNAME_PREFIX}": those name announcements and rooms.`;
  }
}

export class RegisterDto implements Credentials {
  /** 3–32 letters, digits, `_`, `.` or `-`; unique ignoring case. */
  @IsString()
  @Length(LIMITS.usernameMin, LIMITS.usernameMax)
  @Matches(USERNAME_PATTERN, { message: 'username may only contain letters, digits, "_", "." and "-".' })
  @Validate(NotReservedUsername)
  @IsStorableText()
  username: string;

  /** 8–128 characters. */
  @IsString()
  @Length(LIMITS.passwordMin, LIMITS.passwordMax)
  @IsStorableText()
  password: string;
}

export class LoginDto implements Credentials {
  @IsString()
  @Length(1, LIMITS.usernameMax)
  @IsStorableText()
  username: string;

  @IsString()
  @Length(1, LIMITS.passwordMax)
  @IsStorableText()
  password: string;
}

export class AuthResponseDto {
  username: string;
  token: string;
  expires_at: string;
}
