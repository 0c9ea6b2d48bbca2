import { Injectable } from '@nestjs/common';
import {
  badgeCount,
  Conversation,
  ConversationSettings,
  ConversationSettingsRequest,
  DEFAULT_NOTIFY_LEVEL,
  ErrorCode,
  isRoomId,
  LIMITS,
  NotifyLevel,
  ReadResponse,
  ReadStateResponse,
  UnreadResponse,
} from '@chatroom/shared';
import { ApiException } from '../common/api-exception';
import { storedTime } from '../common/validators';
import { EventBus } from '../events/event-bus';
import type { MembershipPeriod } from '../rooms/rooms.repository';
import { RoomsService } from '../rooms/rooms.service';
import { conversationIdFor, conversationKey, directParticipants } from '../timeline/timeline-message';
import { TimelineRepository, UnreadCounts } from '../timeline/timeline.repository';
import { UsersService } from '../users/users.service';
import { ReadMarker, ReadMarkersRepository } from './read-markers.repository';

/** One conversation as the reader sees it: messages from `fromId` on are theirs to read. */
interface Participation {
  key: string;
  id: string;
  type: 'dm' | 'room';
  fromId: number;
  lastReadId: number;
  notify: NotifyLevel;
  mutedUntil: string | null;
}

/** What a marker's absence means: nothing read, the default level, not muted. */
const NO_MARKER: ReadMarker = { lastReadId: 0, notify: DEFAULT_NOTIFY_LEVEL, mutedUntil: null };

/** Markers whose move was last told to others, remembered for at most this many user and conversation pairs. */
const ANNOUNCED_MAX = 100_000;

/** The conversation list, read markers and receipts, notification settings, unread counts and the badge. */
/** Ids of one conversation its reader may read: from `fromId` to `toId` (inclusive; null: no end). */
export interface ReadableStretch {
  conversation: string;
  fromId: number;
  toId: number | null;
}

@Injectable()
export class ConversationsService {
  /** The marker last announced per user and conversation: a client posting the same marker again tells nobody. */
  private readonly announced = new Map<string, number>();

  constructor(
    private readonly timelineRepository: TimelineRepository,
    private readonly rooms: RoomsService,
    private readonly users: UsersService,
    private readonly markers: ReadMarkersRepository,
    private readonly bus: EventBus,
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
        notify: p.notify,
        muted_until: p.mutedUntil,
      }),
    );
    return conversations.sort((a, b) => (b.last_message?.id ?? 0) - (a.last_message?.id ?? 0));
  }

  async unread(username: string): Promise<UnreadResponse> {
    const participations = await this.participations(username);
    const counts = await this.countUnread(username, participations);
    const conversations: Record<string, number> = {};
    const mentions: Record<string, number> = {};
    const now = Date.now();
    let total = 0;
    let badge = 0;
    for (const p of participations) {
      const count = counts.get(p.key);
      if (count === undefined) continue;
      if (count.messages > 0) conversations[p.id] = count.messages;
      if (count.mentions > 0) mentions[p.id] = count.mentions;
      total += count.messages;
      badge += badgeCount({ unread: count.messages, mentions: count.mentions, notify: p.notify, muted_until: p.mutedUntil }, now);
    }
    return { total, badge, conversations, mentions };
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
    if (visible.toId === null) await this.announceMarker(username, key, stored);
    return this.readAnswer(username, conversation, key, visible, stored);
  }

  /**
   * Moves the marker back so that `fromId` and everything after it is unread again; a marker at or
   * before it already stays (moving forward is markRead's). `fromId` must be a message, event or
   * announcement of the conversation the reader can see: anything else is 404, as /messages/{id} answers.
   */
  async markUnread(username: string, conversation: string, fromId: number): Promise<ReadResponse> {
    const { key, visible } = await this.readable(username, conversation);
    const entry = await this.timelineRepository.row(fromId);
    const seen =
      entry !== undefined &&
      entry.conversation === key &&
      entry.relates_to === null &&
      entry.id >= visible.fromId &&
      (visible.toId === null || entry.id <= visible.toId);
    if (!seen) throw new ApiException(ErrorCode.NotFound, `No message ${fromId} that you can see in ${conversation}.`, 'from_id');
    const stored = await this.markers.moveBack(username, key, fromId - 1);
    if (visible.toId === null) await this.announceMarker(username, key, stored);
    return this.readAnswer(username, conversation, key, visible, stored);
  }

  /**
   * Changes your notification settings for one of your conversations (a DM, with anyone who has an
   * account; a room you are in now); fields left out keep their values.
   */
  async updateSettings(username: string, conversation: string, request: ConversationSettingsRequest): Promise<ConversationSettings> {
    const key = await this.currentKey(username, conversation, 'id');
    return this.markers.updateSettings(username, key, {
      ...(request.notify !== undefined && { notify: request.notify }),
      ...(request.muted_until !== undefined && { muted_until: storedTime(request.muted_until) }),
    });
  }

  /** The other members' read markers in a conversation the reader is in now, from those who share read receipts. */
  async readState(username: string, conversation: string): Promise<ReadStateResponse> {
    const { key, others } = await this.participantsOf(username, conversation, 'id');
    const markers = await this.markers.inConversation(key, await this.users.sharingReadReceipts(others));
    return { markers: Object.fromEntries(markers) };
  }

  /**
   * A conversation the user is in now (a DM with anyone who has an account, a room they are a member
   * of): its key and its other participants. 404 / 403 naming `field` otherwise.
   */
  async participantsOf(username: string, conversation: string, field = 'conversation'): Promise<{ key: string; others: string[] }> {
    const key = await this.currentKey(username, conversation, field);
    return { key, others: await this.othersIn(username, key) };
  }

  /** The key of a conversation the user is in now: a room they have left is 403 naming `field`. */
  private async currentKey(username: string, conversation: string, field: string): Promise<string> {
    const { key, visible } = await this.readable(username, conversation, field);
    if (visible.toId !== null) throw new ApiException(ErrorCode.NotRoomMember, `You are not a member of ${conversation}.`, field);
    return key;
  }

  /** Tells the conversation's other participants where `username` stopped reading, if they share receipts and it moved. */
  private async announceMarker(username: string, key: string, stored: number): Promise<void> {
    const pair = `${username}\0${key}`;
    if (this.announced.get(pair) === stored) return;
    if ((await this.users.sharingReadReceipts([username])).length === 0) return;
    if (this.announced.size >= ANNOUNCED_MAX) this.announced.clear();
    this.announced.set(pair, stored);
    const audience = await this.othersIn(username, key);
    if (audience.length > 0) await this.bus.publish({ type: 'read_marker', conversation: key, user: username, lastReadId: stored, audience });
  }

  private async othersIn(username: string, key: string): Promise<string[]> {
    const everyone = isRoomId(key) ? await this.rooms.currentMembers(key) : directParticipants(key);
    return [...new Set(everyone)].filter((name) => name !== username);
  }

  /** What /read and POST /unread answer: the stored marker and the counts after it (none in a room the reader has left). */
  private async readAnswer(username: string, conversation: string, key: string, visible: Pick<MembershipPeriod, 'fromId' | 'toId'>, stored: number): Promise<ReadResponse> {
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
    const marked = (key: string): ReadMarker => markers.get(key) ?? NO_MARKER;
    const direct = directKeys.map(
      (key): Participation => ({ key, id: conversationIdFor(key, username), type: 'dm', fromId: 0, ...marked(key) }),
    );
    const rooms = periods
      .filter((period) => period.toId === null)
      .map((period): Participation => ({ key: period.roomId, id: period.roomId, type: 'room', fromId: period.fromId, ...marked(period.roomId) }));
    return [...direct, ...rooms];
  }

  /**
   * The stretches of `conversation` (a username or a room id) that `username` may read: all of a DM
   * with anyone who has an account; of a room, each of their memberships. 403 naming `field` for a
   * room they were never in; `unknownUser` naming `field` for a DM with nobody.
   */
  async readableStretches(
    username: string,
    conversation: string,
    field: string,
    unknownUser: ErrorCode.NotFound | ErrorCode.UnknownRecipient,
  ): Promise<ReadableStretch[]> {
    if (isRoomId(conversation)) {
      const periods = (await this.rooms.periodsOf(username)).filter((period) => period.roomId === conversation);
      if (periods.length === 0) throw new ApiException(ErrorCode.NotRoomMember, `You are not a member of ${conversation}.`, field);
      return periods.map((period) => ({ conversation, fromId: period.fromId, toId: period.toId }));
    }
    const other = await this.users.resolve(conversation);
    if (!other) {
      throw new ApiException(unknownUser, unknownUser === ErrorCode.NotFound ? `No such conversation: ${conversation}.` : `No such user: ${conversation}.`, field);
    }
    return [{ conversation: conversationKey(username, other), fromId: 0, toId: null }];
  }

  /**
   * The conversation's key, and the ids of it the reader can see: all of a DM; of a room they are or
   * were in, their latest membership (it holds the newest message they can see there).
   */
  private async readable(username: string, conversation: string, field = 'conversation'): Promise<{ key: string; visible: Pick<MembershipPeriod, 'fromId' | 'toId'> }> {
    const stretches = await this.readableStretches(username, conversation, field, ErrorCode.NotFound);
    const latest = stretches.reduce((newest, stretch) => (newest.fromId > stretch.fromId ? newest : stretch));
    return { key: latest.conversation, visible: latest };
  }
}
