import { Injectable } from '@nestjs/common';
import { ErrorCode, LIMITS, Room } from '@chatroom/shared';
import { ApiException } from '../common/api-exception';
import type { Executor } from '../storage/executor';
import { TimelineService } from '../timeline/timeline.service';
import { UsersService } from '../users/users.service';
import { MembershipPeriod, RoomRecord, RoomsRepository } from './rooms.repository';

/** Group rooms: membership, their admin, and the events that tell members of changes. */
@Injectable()
export class RoomsService {
  constructor(
    private readonly rooms: RoomsRepository,
    private readonly users: UsersService,
    private readonly timeline: TimelineService,
  ) {}

  async create(creator: string, participants: string[], name?: string): Promise<Room> {
    const { found, unknown } = await this.users.resolveMany(participants);
    if (unknown.length > 0) {
      throw new ApiException(ErrorCode.UnknownUsers, `No such user: ${unknown.join(', ')}.`, 'participants');
    }
    const members = [...new Set([creator, ...found])];
    const roomName = name ?? defaultRoomName(members);
    const roomId = await this.timeline.transaction(async (trx, append) => {
      const now = new Date().toISOString();
      const id = await this.rooms.insertRoom(trx, roomName, creator, now);
      const event = await append(
        { kind: 'event', sender: creator, recipient: id, body: `${creator} created the room “${roomName}”` },
        members,
      );
      await this.rooms.addMembers(trx, id, members, event.id, now);
      return id;
    });
    return this.describe(roomId);
  }

  async leave(username: string, roomId: string): Promise<void> {
    const room = await this.memberRoom(roomId, username);
    await this.removeMembership(room, username, username, `${username} left`);
  }

  /**
   * Takes a deleted account out of every room it is in; the rooms it administered pass to their
   * longest-standing member. The rooms it left, by id.
   */
  async leaveAll(username: string): Promise<string[]> {
    const roomIds = (await this.rooms.periodsOf(username)).filter((period) => period.toId === null).map((period) => period.roomId);
    for (const room of await this.rooms.findMany(roomIds)) {
      await this.removeMembership(room, username, username, `${username} left: the account was deleted`);
    }
    return roomIds;
  }

  async addMember(admin: string, roomId: string, name: string): Promise<Room> {
    const room = await this.adminRoom(roomId, admin);
    const username = await this.users.resolve(name);
    if (!username) throw new ApiException(ErrorCode.UnknownUsers, `No such user: ${name}.`, 'username');
    await this.timeline.transaction(async (trx, append) => {
      const members = await this.rooms.currentMembers(roomId, trx);
      if (members.includes(username)) {
        throw new ApiException(ErrorCode.AlreadyRoomMember, `${username} is already in the room.`, 'username');
      }
      const event = await append(
        { kind: 'event', sender: admin, recipient: roomId, body: `${admin} added ${username}` },
        [...members, username],
      );
      await this.rooms.addMembers(trx, roomId, [username], event.id, new Date().toISOString());
    });
    return this.describe(room.roomId);
  }

  async removeMember(admin: string, roomId: string, name: string): Promise<Room> {
    const room = await this.adminRoom(roomId, admin);
    const members = await this.rooms.currentMembers(roomId);
    const username = members.find((member) => member.toLowerCase() === name.toLowerCase());
    if (!username) throw new ApiException(ErrorCode.NotFound, `${name} is not in the room.`, 'username');
    const text = username === admin ? `${admin} left` : `${admin} removed ${username}`;
    await this.removeMembership(room, username, admin, text);
    return this.describe(room.roomId);
  }

  async rename(admin: string, roomId: string, name: string): Promise<Room> {
    await this.adminRoom(roomId, admin);
    await this.timeline.transaction(async (trx, append) => {
      await this.rooms.update(trx, roomId, { name });
      await append(
        { kind: 'event', sender: admin, recipient: roomId, body: `${admin} renamed the room to “${name}”` },
        await this.rooms.currentMembers(roomId, trx),
      );
    });
    return this.describe(roomId);
  }

  async roomsOf(username: string): Promise<Room[]> {
    const roomIds = (await this.rooms.periodsOf(username))
      .filter((period) => period.toId === null)
      .map((period) => period.roomId);
    return this.describeMany(roomIds);
  }

  async describeMany(roomIds: string[]): Promise<Room[]> {
    const [records, members] = await Promise.all([this.rooms.findMany(roomIds), this.rooms.currentMembersOfRooms(roomIds)]);
    return records.map((room) => ({
      room_id: room.roomId,
      name: room.name,
      admin: room.admin,
      participants: members.get(room.roomId) ?? [],
    }));
  }

  /** The room's current members, when `username` is one of them; else 404 (no such room) or 403. */
  async membersForSender(roomId: string, username: string, db?: Executor): Promise<string[]> {
    const members = await this.rooms.currentMembers(roomId, db);
    if (members.includes(username)) return members;
    if (!(await this.rooms.find(roomId, db))) {
      throw new ApiException(ErrorCode.UnknownRecipient, `No such room: ${roomId}.`, 'recipient');
    }
    throw new ApiException(ErrorCode.NotRoomMember, `You are not a member of ${roomId}.`, 'recipient');
  }

  /** Pass the transaction when appending depends on them. */
  periodsOf(username: string, db?: Executor): Promise<MembershipPeriod[]> {
    return this.rooms.periodsOf(username, db);
  }

  /** Current members, longest-standing first; pass the transaction when appending depends on them. */
  currentMembers(roomId: string, db?: Executor): Promise<string[]> {
    return this.rooms.currentMembers(roomId, db);
  }

  /** The room's admin; undefined for no such room. */
  async adminOf(roomId: string, db?: Executor): Promise<string | undefined> {
    return (await this.rooms.find(roomId, db))?.admin;
  }

  private async describe(roomId: string): Promise<Room> {
    const [room] = await this.describeMany([roomId]);
    if (!room) throw new ApiException(ErrorCode.NotFound, `No such room: ${roomId}.`, 'room_id');
    return room;
  }

  private async memberRoom(roomId: string, username: string): Promise<RoomRecord> {
    const room = await this.rooms.find(roomId);
    if (!room) throw new ApiException(ErrorCode.NotFound, `No such room: ${roomId}.`, 'room_id');
    if (!(await this.rooms.currentMembers(roomId)).includes(username)) {
      throw new ApiException(ErrorCode.NotRoomMember, `You are not a member of ${roomId}.`, 'room_id');
    }
    return room;
  }

  private async adminRoom(roomId: string, username: string): Promise<RoomRecord> {
    const room = await this.memberRoom(roomId, username);
    if (room.admin !== username) {
      throw new ApiException(ErrorCode.NotRoomAdmin, `Only the room's admin (${room.admin}) can do that.`);
    }
    return room;
  }

  /** Ends a membership; when the admin goes, the longest-standing member takes over. */
  private async removeMembership(room: RoomRecord, username: string, actor: string, text: string): Promise<void> {
    await this.timeline.transaction(async (trx, append) => {
      const members = await this.rooms.currentMembers(room.roomId, trx);
      const remaining = members.filter((member) => member !== username);
      const current = await this.rooms.find(room.roomId, trx);
      const successor = current?.admin === username ? remaining[0] : undefined;
      const body = successor ? `${text}; ${successor} is now the admin` : text;
      const event = await append({ kind: 'event', sender: actor, recipient: room.roomId, body }, members);
      await this.rooms.endMembership(trx, room.roomId, username, event.id);
      if (successor) await this.rooms.update(trx, room.roomId, { admin: successor });
    });
  }
}

function defaultRoomName(members: string[]): string {
  const name = members.join(', ');
  return name.length <= LIMITS.roomNameMax ? name : `${name.slice(0, LIMITS.roomNameMax - 1)}…`;
}
