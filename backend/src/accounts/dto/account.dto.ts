import { AccountSettings, AccountSettingsRequest, ChangePasswordRequest, DeleteAccountRequest, LIMITS, SessionInfo, SessionsResponse } from '@chatroom/shared';
import { IsBoolean, IsString, Length, Matches } from 'class-validator';
import { NewPassword } from '../../auth/dto/credentials.dto';
import { IsStorableText, IsZonedTimeOrNull, Optional } from '../../common/validators';

/** A password as typed to confirm who you are: any the account could have had. */
function TypedPassword(): PropertyDecorator {
  return (target, property) => {
    IsString()(target, property);
    Length(1, LIMITS.passwordMax)(target, property);
    IsStorableText()(target, property);
  };
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @TypedPassword()
  current_password: string;

  /** 8–128 characters. */
  @NewPassword()
  new_password: string;
}

export class DeleteAccountDto implements DeleteAccountRequest {
  @TypedPassword()
  password: string;

  /** Also erase the text of every message you sent. */
  @Optional()
  @IsBoolean()
  erase?: boolean;
}

export class AccountSettingsDto implements AccountSettingsRequest {
  /** ISO 8601 with its offset: no desktop notifications until then (the badge still counts); null to turn it off. */
  @Optional()
  @IsZonedTimeOrNull()
  dnd_until?: string | null;

  /** Let the other members see how far you have read. */
  @Optional()
  @IsBoolean()
  share_read_receipts?: boolean;

  /** Let the other members see you typing. */
  @Optional()
  @IsBoolean()
  share_typing?: boolean;
}

export class AccountSettingsResponseDto implements AccountSettings {
  /** UTC, or null when off. */
  dnd_until: string | null;
  share_read_receipts: boolean;
  share_typing: boolean;
}

export class SessionInfoDto implements SessionInfo {
  id: string;
  created_at: string;
  last_seen_at: string;
  user_agent: string | null;
  current: boolean;
}

export class SessionsResponseDto implements SessionsResponse {
  sessions: SessionInfoDto[];
}

export class SessionIdParam {
  /** A session id from GET /me/sessions. */
  @Matches(/^[0-9a-f]{32}$/, { message: 'id must be a session id from GET /me/sessions.' })
  id: string;
}
