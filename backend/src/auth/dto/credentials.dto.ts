import { Credentials, LIMITS, RegisterRequest, RESERVED_USERNAME_PREFIX, ResetCodeLoginRequest, SERVER_SENDER, USERNAME_PATTERN } from '@chatroom/shared';
import { IsString, Length, Matches, Validate, ValidateIf, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { IsStorableText, Optional } from '../../common/validators';

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

/** A username a new account may take: the rules of POST /register, also for the admin command line. */
export class NewUsernameDto {
  /** 3–32 letters, digits, `_`, `.` or `-`; unique ignoring case. */
  @IsString()
  @Length(LIMITS.usernameMin, LIMITS.usernameMax)
  @Matches(USERNAME_PATTERN, { message: 'username may only contain letters, digits, "_", "." and "-".' })
  @Validate(NotReservedUsername)
  @IsStorableText()
  username: string;
}

/** A password an account may have: 8–128 characters. */
export function NewPassword(): PropertyDecorator {
  return (target, property) => {
    IsString()(target, property);
    Length(LIMITS.passwordMin, LIMITS.passwordMax)(target, property);
    IsStorableText()(target, property);
  };
}

export class RegisterDto extends NewUsernameDto implements RegisterRequest {
  /** 8–128 characters. */
  @NewPassword()
  password: string;

  /** The invite code, when the server takes new accounts by invite (GET /server-info); ignored otherwise. */
  @Optional()
  @IsString()
  @Length(1, LIMITS.codeMax)
  @IsStorableText()
  invite?: string;
}

/**
 * Either `password`, or `reset_code` (from the server's admin) with `new_password`: the login form
 * of someone who forgot their password.
 */
export class LoginDto implements Partial<Credentials>, Partial<ResetCodeLoginRequest> {
  @IsString()
  @Length(1, LIMITS.usernameMax)
  @IsStorableText()
  username: string;

  /** Required unless `reset_code` is given. */
  @ValidateIf((login: LoginDto) => login.reset_code === undefined || login.password !== undefined)
  @IsString()
  @Length(1, LIMITS.passwordMax)
  @IsStorableText()
  password?: string;

  /** A one-time code from `npm run admin -- reset-password NAME`; needs `new_password`, and no `password`. */
  @Optional()
  @IsString()
  @Length(1, LIMITS.codeMax)
  @IsStorableText()
  reset_code?: string;

  /** The password to set with `reset_code`: 8–128 characters. */
  @ValidateIf((login: LoginDto) => login.reset_code !== undefined || login.new_password !== undefined)
  @NewPassword()
  new_password?: string;
}

export class AuthResponseDto {
  username: string;
  token: string;
  expires_at: string;
}
