import {
  AddMemberRequest,
  CreateRoomRequest,
  LeaveRoomRequest,
  LIMITS,
  RenameRoomRequest,
  Room,
} from '@chatroom/shared';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNotEmpty, IsString, Length, Matches, MaxLength } from 'class-validator';
import { IsStorableText, Optional } from '../../common/validators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RoomCreateDto implements CreateRoomRequest {
  /** Usernames to invite; the creator joins as admin whether listed or not. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.roomParticipantsMax)
  @IsString({ each: true })
  @Length(1, LIMITS.usernameMax, { each: true })
  @IsStorableText({ each: true })
  participants: string[];

  /** Defaults to the members' names. */
  @Optional()
  @IsString()
  @Transform(trim)
  @Length(1, LIMITS.roomNameMax)
  @IsStorableText()
  name?: string;

  /** Accepted from old clients; must be the signed-in user. */
  @Optional()
  @IsString()
  @IsStorableText()
  admin?: string;
}

export class RoomLeaveDto implements LeaveRoomRequest {
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  @IsStorableText()
  room_id: string;

  /** Accepted from old clients; must be the signed-in user. */
  @Optional()
  @IsString()
  @IsStorableText()
  username?: string;
}

export class RoomMemberAddDto implements AddMemberRequest {
  @IsString()
  @Length(1, LIMITS.usernameMax)
  @IsStorableText()
  username: string;
}

export class RoomRenameDto implements RenameRoomRequest {
  @IsString()
  @Transform(trim)
  @Length(1, LIMITS.roomNameMax)
  @IsStorableText()
  name: string;
}

export class RoomResponseDto implements Room {
  room_id: string;
  name: string;
  admin: string;
  participants: string[];
}

export class RoomsResponseDto {
  rooms: RoomResponseDto[];
}

/** A room id in a path; one that names no room the server could have made is answered 404 like any unknown room. */
export class RoomIdParam {
  @Matches(/^room_\d+$/, { message: 'id must be a room id like room_1.' })
  id: string;
}

export class RoomMemberParams extends RoomIdParam {
  @Length(1, LIMITS.usernameMax)
  @IsStorableText()
  username: string;
}
