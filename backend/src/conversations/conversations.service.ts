import { Injectable } from '@nestjs/common';
import { Conversation, ErrorCode, isRoomId, LIMITS, ReadResponse, UnreadResponse } from '@chatroom/shared';
import { ApiException } from '../common/api-exception';
import { RoomsService } from '../rooms/rooms.service';
import { conversationIdFor, conversationKey } from '../timeline/timeline-message';
import { TimelineRepository } from '../timeline/timeline.repository';
import { UsersService } from '../users/users.service';
import { ReadMarkersRepository } from './read-markers.repository';

/** One conversation as the reader sees it: messages from `fromId` on are theirs to read. */
interface Participation {
  key: string;
  id: string;
  type: 'dm' | 'room';
  fromId: number;
  lastReadId: number;
}

/** The conversation list, read markers and unread counts. */
@Injectable()
export class ConversationsService {
  constructor(
    private readonly timelineRepository: TimelineRepository,
    private readonly rooms: RoomsService,
    private readonly users: UsersService,
    private readonly markers: ReadMarkersRepository,
  ) {}

  async list(username: string): Promise<Conversation[]> {
    const [participations, rooms] = await Promise.all([this.participations(username), this.rooms.roomsOf(username)]);
    const roomNames = new Map(rooms.map((room) => [room.room_id, room.name]));
    const conversations = await Promise.all(
      participations.map(async (p): Promise<Conversation> => {
        const last = await this.timelineRepository.lastInConversation(p.key, p.fromId, null);
        const unread = last && last.id > p.lastReadId ? await this.countUnread(username, p) : 0;
        return {
          id: p.id,
          type: p.type,
          name: p.type === 'room' ? (roomNames.get(p.id) ?? p.id) : p.id,
          last_message: last ?? null,
          unread,
          last_read_id: p.lastReadId,
        };
      }),
    );
    return conversations.sort((a, b) => (b.last_message?.id ?? 0) - (a.last_message?.id ?? 0));
  }

  async unread(username: string): Promise<UnreadResponse> {
    const participations = await this.participations(username);
    const counts = await Promise.all(participations.map((p) => this.countUnread(username, p)));
    const conversations: Record<string, number> = {};
    let total = 0;
    participations.forEach((p, index) => {
      const count = counts[index] ?? 0;
      if (count > 0) conversations[p.id] = count;
      total += count;
    });
    return { total, conversations };
  }

  async markRead(username: string, conversation: string, lastReadId: number): Promise<ReadResponse> {
    const key = await this.keyFor(username, conversation);
    const stored = await this.markers.advance(username, key, lastReadId);
    const participation = (await this.participations(username)).find((p) => p.key === key);
    const unread = participation ? await this.countUnread(username, { ...participation, lastReadId: stored }) : 0;
    return { conversation, last_read_id: stored, unread };
  }

  private async countUnread(username: string, p: Participation): Promise<number> {
    const range = { conversation: p.key, afterId: Math.max(p.lastReadId, p.fromId - 1) };
    return (await this.timelineRepository.countUnread(username, [range], LIMITS.unreadCountCap)).get(p.key) ?? 0;
  }

  /** The reader's DMs and current rooms, with their read markers. */
  private async participations(username: string): Promise<Participation[]> {
    const [directKeys, periods, markers] = await Promise.all([
      this.timelineRepository.directConversationsOf(username),
      this.rooms.periodsOf(username),
      this.markers.of(username),
    ]);
    const direct = directKeys.map((key) => ({
      key,
      id: conversationIdFor(key, username),
      type: 'dm' as const,
      fromId: 0,
      lastReadId: markers.get(key) ?? 0,
    }));
    const rooms = periods
      .filter((period) => period.toId === null)
      .map((period) => ({
        key: period.roomId,
        id: period.roomId,
        type: 'room' as const,
        fromId: period.fromId,
        lastReadId: markers.get(period.roomId) ?? 0,
      }));
    return [...direct, ...rooms];
  }

  private async keyFor(username: string, conversation: string): Promise<string> {
    if (isRoomId(conversation)) {
      const member = (await this.rooms.periodsOf(username)).some((period) => period.roomId === conversation);
      if (!member) {
        throw new ApiException(ErrorCode.NotRoomMember, `You are not a member of ${conversation}.`, 'conversation');
      }
      return conversation;
    }
    const other = await this.users.resolve(conversation);
    if (!other) throw new ApiException(ErrorCode.NotFound, `No such conversation: ${conversation}.`, 'conversation');
    return conversationKey(username, other);
  }
}
