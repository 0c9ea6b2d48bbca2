import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ROUTES } from '@chatroom/shared';
import { assertActingUser } from '../common/acting-user';
import { CurrentUser } from '../common/current-user.decorator';
import {
  RoomCreateDto,
  RoomIdParam,
  RoomLeaveDto,
  RoomMemberAddDto,
  RoomMemberParams,
  RoomRenameDto,
  RoomResponseDto,
  RoomsResponseDto,
} from './dto/room.dto';
import { RoomsService } from './rooms.service';

@ApiTags('rooms')
@ApiBearerAuth()
@Controller()
export class RoomsController {
  constructor(private readonly rooms: RoomsService) {}

  /** Creates a room; the caller becomes its admin and a member. */
  @Post(ROUTES.createRoom)
  createRoom(@CurrentUser() username: string, @Body() body: RoomCreateDto): Promise<RoomResponseDto> {
    assertActingUser(body.admin, username, 'admin');
    return this.rooms.create(username, body.participants, body.name);
  }

  /** Leaves a room; if the admin leaves, the longest-standing member becomes admin. */
  @Post(ROUTES.leaveRoom)
  @HttpCode(200)
  async leaveRoom(@CurrentUser() username: string, @Body() body: RoomLeaveDto): Promise<{ ok: true }> {
    assertActingUser(body.username, username, 'username');
    await this.rooms.leave(username, body.room_id);
    return { ok: true };
  }

  /** The caller's rooms with their members. */
  @Get(ROUTES.rooms)
  async list(@CurrentUser() username: string): Promise<RoomsResponseDto> {
    return { rooms: await this.rooms.roomsOf(username) };
  }

  /** Admin only: adds a member. */
  @Post('/rooms/:id/members')
  @HttpCode(200)
  addMember(@CurrentUser() username: string, @Param() params: RoomIdParam, @Body() body: RoomMemberAddDto): Promise<RoomResponseDto> {
    return this.rooms.addMember(username, params.id, body.username);
  }

  /** Admin only: removes a member. */
  @Delete('/rooms/:id/members/:username')
  removeMember(@CurrentUser() username: string, @Param() params: RoomMemberParams): Promise<RoomResponseDto> {
    return this.rooms.removeMember(username, params.id, params.username);
  }

  /** Admin only: renames the room. */
  @Patch('/rooms/:id')
  rename(@CurrentUser() username: string, @Param() params: RoomIdParam, @Body() body: RoomRenameDto): Promise<RoomResponseDto> {
    return this.rooms.rename(username, params.id, body.name);
  }
}
