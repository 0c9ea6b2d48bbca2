import { Inject, Injectable } from '@nestjs/common';
import { LIMITS, ROOM_ID_PREFIX } from '@chatroom/shared';
import type { Executor } from '../storage/executor';
import { PreparedQuery } from '../storage/prepared-query';
import { DATABASE, Database } from '../storage/schema';

export interface RoomRecord {
  roomId: string;
  name: string;
  admin: string;
}

/** A stretch of time a user belonged to a room, in message ids (`toId` null: still a member). */
export interface MembershipPeriod {
  roomId: string;
  fromId: number;
  toId: number | null;
}

export const roomIdOf = (id: number): string => `${ROOM_ID_PREFIX}${id}`;

/**
 * `room_12` -> 12; undefined for anything that is not a room id we could have made, including
 * numbers beyond the id column (PostgreSQL would refuse to compare them): those are unknown rooms.
 */
export function roomNumberOf(roomId: string): number | undefined {
  const match = /^room_([1-9]\d{0,9})$/.exec(roomId);
  const id = match ? Number(match[1]) : undefined;
  return id !== undefined && id <= LIMITS.roomNumberMax ? id : undefined;
}

@Injectable()
export class RoomsRepository {
  // Read by every poll: built and compiled once.
  private readonly selectPeriods = new PreparedQuery((username: string) =>
    this.db.selectFrom('room_members').select(['room_id', 'from_id', 'to_id']).where('username', '=', username),
  );

  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async insertRoom(trx: Executor, name: string, admin: string, createdAt: string): Promise<string> {
    const row = await trx
      .insertInto('rooms')
      .values({ name, admin, created_at: createdAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    return roomIdOf(row.id);
  }

  async find(roomId: string, db: Executor = this.db): Promise<RoomRecord | undefined> {
    const id = roomNumberOf(roomId);
    if (id === undefined) return undefined;
    const row = await db.selectFrom('rooms').select(['name', 'admin']).where('id', '=', id).executeTakeFirst();
    return row && { roomId, name: row.name, admin: row.admin };
  }

  async findMany(roomIds: string[]): Promise<RoomRecord[]> {
    const ids = roomIds.map(roomNumberOf).filter((id): id is number => id !== undefined);
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('rooms').select(['id', 'name', 'admin']).where('id', 'in', ids).execute();
    return rows.map((row) => ({ roomId: roomIdOf(row.id), name: row.name, admin: row.admin }));
  }

  async update(trx: Executor, roomId: string, changes: { name?: string; admin?: string }): Promise<void> {
    const id = roomNumberOf(roomId);
    if (id === undefined) return;
    await trx.updateTable('rooms').set(changes).where('id', '=', id).execute();
  }

  async addMembers(trx: Executor, roomId: string, usernames: string[], fromId: number, joinedAt: string): Promise<void> {
    if (usernames.length === 0) return;
    await trx
      .insertInto('room_members')
      .values(usernames.map((username) => ({ room_id: roomId, username, from_id: fromId, to_id: null, joined_at: joinedAt })))
      .execute();
  }

  async endMembership(trx: Executor, roomId: string, username: string, toId: number): Promise<void> {
    await trx
      .updateTable('room_members')
      .set({ to_id: toId })
      .where('room_id', '=', roomId)
      .where('username', '=', username)
      .where('to_id', 'is', null)
      .execute();
  }

  /** Current members, longest-standing first. */
  async currentMembers(roomId: string, db: Executor = this.db): Promise<string[]> {
    const rows = await db
      .selectFrom('room_members')
      .select('username')
      .where('room_id', '=', roomId)
      .where('to_id', 'is', null)
      .orderBy('from_id')
      .orderBy('username')
      .execute();
    return rows.map((row) => row.username);
  }

  async currentMembersOfRooms(roomIds: string[]): Promise<Map<string, string[]>> {
    const members = new Map<string, string[]>(roomIds.map((roomId) => [roomId, []]));
    if (roomIds.length === 0) return members;
    const rows = await this.db
      .selectFrom('room_members')
      .select(['room_id', 'username'])
      .where('room_id', 'in', roomIds)
      .where('to_id', 'is', null)
      .orderBy('room_id')
      .orderBy('from_id')
      .orderBy('username')
      .execute();
    for (const row of rows) members.get(row.room_id)?.push(row.username);
    return members;
  }

  async periodsOf(username: string, db: Executor = this.db): Promise<MembershipPeriod[]> {
    const rows = await this.selectPeriods.execute(db, username);
    return rows.map((row) => ({ roomId: row.room_id, fromId: row.from_id, toId: row.to_id }));
  }
}
