import { CreatedInvite, CreateInviteRequest, Invite, InvitesResponse, LIMITS } from '@chatroom/shared';
import { Transform } from 'class-transformer';
import { IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { LinkQuery } from '../../common/validation.pipe';
import { IsStorableText, Optional } from '../../common/validators';

export class InviteCreateDto implements CreateInviteRequest {
  /** Registrations the code allows: 1–1000, default 1. */
  @Optional()
  @IsInt()
  @Min(1)
  @Max(LIMITS.inviteUsesMax)
  uses?: number;

  /** Hours until the code expires: 1–8760, default 168 (a week). */
  @Optional()
  @IsInt()
  @Min(1)
  @Max(LIMITS.inviteHoursMax)
  expires_in_hours?: number;

  /** For the admins: whom it was for. */
  @Optional()
  @IsString()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @Length(1, LIMITS.inviteNoteMax)
  @IsStorableText()
  note?: string;
}

export class InviteDto implements Invite {
  id: number;
  uses: number;
  used: number;
  expires_at: string;
  note: string | null;
}

export class CreatedInviteDto extends InviteDto implements CreatedInvite {
  /** Shown this once. */
  code: string;
}

export class InvitesResponseDto implements InvitesResponse {
  invites: InviteDto[];
}

export class InviteIdParam {
  /** The invite's id, as listed by GET /invites. */
  @Matches(/^[1-9]\d{0,15}$/, { message: 'id must be an invite id (a whole number).' })
  id: string;
}

/** GET /join: the code of an invite link; whatever else the link picked up on the way is ignored. */
@LinkQuery()
export class JoinPageQueryDto {
  /** The invite code, as the admin's link carries it. */
  @IsString()
  @Length(1, LIMITS.codeMax)
  @Matches(/^[a-z2-7 -]+$/i, { message: 'invite must be an invite code: letters, the digits 2 to 7 and dashes.' })
  invite: string;
}
