import { Injectable } from '@nestjs/common';
import { Conversation, ErrorCode, isRoomId, LIMITS, ReadResponse, UnreadResponse } from '@chatroom/shared';
import { ApiException } from '../common/api-exception';
import type { MembershipPeriod } from '../rooms/rooms.repository';
import { RoomsService } from '../rooms/rooms.service';
import { conversationIdFor, conversationKey } from '../timeline/timeline-message';
import { TimelineRepository, UnreadCounts } from '../timeline/timeline.repository';
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
    const participations = await this.participations(username);
    const roomIds = participations.filter((p) => p.type === 'room').map((p) => p.id);
    const [rooms, lastMessages, unread] = await Promise.all([
      this.rooms.describeMany(roomIds),
      this.timelineRepository.lastInConversations(participations.map((p) => ({ conversation: p.key, fromId: p.fromId }))),
      this.countUnread(username, participations),
    ]);
    const roomNames = new Map(rooms.map((room) => [room.room_id, room.name]));
    const conversations = participations.map(
      (p): Conversation => ({
        id: p.id,
        type: p.type,
        name: p.type === 'room' ? (roomNames.get(p.id) ?? p.id) : p.id,
        last_message: lastMessages.get(p.key) ?? null,
        unread: unread.get(p.key)?.messages ?? 0,
        mentions: unread.get(p.key)?.mentions ?? 0,
        last_read_id: p.lastReadId,
      }),
    );
    return conversations.sort((a, b) => (b.last_message?.id ?? 0) - (a.last_message?.id ?? 0));
  }

  async unread(username: string): Promise<UnreadResponse> {
    const participations = await this.participations(username);
    const counts = await this.countUnread(username, participations);
    const conversations: Record<string, number> = {};
    const mentions: Record<string, number> = {};
    let total = 0;
    for (const p of participations) {
      const count = counts.get(p.key);
      if (count === undefined) continue;
      if (count.messages > 0) conversations[p.id] = count.messages;
      if (count.mentions > 0) mentions[p.id] = count.mentions;
      total += count.messages;
    }
    return { total, conversations, mentions };
  }

  /**
   * Moves the marker forward, but never past the newest entry the reader can see there: a marker
   * beyond it would also cover messages not sent yet, and hide them from the unread counts for good.
   * Any entry counts, not only messages: reading up to an edit that mentions the reader clears it.
   */
  async markRead(username: string, conversation: string, lastReadId: number): Promise<ReadResponse> {
    const { key, visible } = await this.readable(username, conversation);
    const newest = await this.timelineRepository.lastInConversation(key, visible.fromId, visible.toId);
    const stored = await this.markers.advance(username, key, Math.min(lastReadId, newest?.id ?? 0));
    const current = visible.toId === null;
    const counts = current
      ? await this.timelineRepository.countUnread(
          username,
          [{ conversation: key, afterId: Math.max(stored, visible.fromId - 1) }],
          LIMITS.unreadCountCap,
        )
      : undefined;
    const count = counts?.get(key);
    return { conversation, last_read_id: stored, unread: count?.messages ?? 0, mentions: count?.mentions ?? 0 };
  }

  private countUnread(username: string, participations: Participation[]): Promise<Map<string, UnreadCounts>> {
    return this.timelineRepository.countUnread(
      username,
      participations.map((p) => ({ conversation: p.key, afterId: Math.max(p.lastReadId, p.fromId - 1) })),
      LIMITS.unreadCountCap,
    );
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

  /**
   * The conversation's key, and the ids of it the reader can see: all of a DM; of a room they are or
   * were in, their latest membership (it holds the newest message they can see there).
   */
  private async readable(username: string, conversation: string): Promise<{ key: string; visible: Pick<MembershipPeriod, 'fromId' | 'toId'> }> {
    if (isRoomId(conversation)) {
      const periods = (await this.rooms.periodsOf(username)).filter((period) => period.roomId === conversation);
      const latest = periods.reduce<MembershipPeriod | undefined>((newest, period) => (newest && newest.fromId > period.fromId ? newest : period), undefined);
      if (!latest) {
        throw new ApiException(ErrorCode.NotRoomMember, `You are not a member of ${conversation}.`, 'conversation');
      }
      return { key: conversation, visible: latest };
    }
    const other = await this.users.resolve(conversation);
    if (!other) throw new ApiException(ErrorCode.NotFound, `No such conversation: ${conversation}.`, 'conversation');
    return { key: conversationKey(username, other), visible: { fromId: 0, toId: null } };
  }
}
