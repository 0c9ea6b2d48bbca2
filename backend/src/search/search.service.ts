import { Injectable } from '@nestjs/common';
import { ANNOUNCEMENT_RECIPIENT, CurrentMessage, ErrorCode, isRoomId, LIMITS, parseSearchQuery, SearchConversation, SearchQuery, SearchResponse } from '@chatroom/shared';
import { ApiException } from '../common/api-exception';
import { ConversationsService } from '../conversations/conversations.service';
import { RoomsService } from '../rooms/rooms.service';
import { SearchIndex, SearchScope } from '../timeline/search-index';
import { conversationIdFor, isDirectConversation, TimelineRow } from '../timeline/timeline-message';
import { TimelineRepository } from '../timeline/timeline.repository';
import { UsersService } from '../users/users.service';

const ANNOUNCEMENTS: SearchConversation = { id: ANNOUNCEMENT_RECIPIENT, type: 'announcement', name: 'Announcements' };

/** Search over what a user may read, with the same visibility as /history. */
@Injectable()
export class SearchService {
  constructor(
    private readonly index: SearchIndex,
    private readonly timeline: TimelineRepository,
    private readonly rooms: RoomsService,
    private readonly users: UsersService,
    private readonly conversations: ConversationsService,
  ) {}

  async find(username: string, query: SearchQuery & { limit: number }): Promise<SearchResponse> {
    const [scopes, sender] = await Promise.all([this.scopesOf(username, query.with), this.sender(query.from)]);
    const rows = await this.index.match({
      terms: parseSearchQuery(query.q),
      scopes,
      beforeId: query.before ?? LIMITS.idMax,
      limit: query.limit + 1,
      sender,
    });
    const page = rows.slice(0, query.limit);
    const [messages, names] = await Promise.all([this.statesOf(page, scopes), this.roomNames(page)]);
    return {
      results: page.flatMap((row) => {
        const message = messages.get(row.id);
        return message ? [{ message, conversation: this.conversation(row, username, names) }] : [];
      }),
      next_before: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
    };
  }

  /** Where `username` may read, narrowed to one conversation when asked: /history's rule. */
  private async scopesOf(username: string, withWhom: string | undefined): Promise<SearchScope[]> {
    const announcements: SearchScope = { conversation: ANNOUNCEMENT_RECIPIENT, fromId: 0, toId: null };
    if (withWhom === ANNOUNCEMENT_RECIPIENT) return [announcements];
    if (withWhom !== undefined) return this.conversations.readableStretches(username, withWhom, 'with', ErrorCode.UnknownRecipient);
    const [direct, periods] = await Promise.all([this.timeline.directConversationsOf(username), this.rooms.periodsOf(username)]);
    return [
      ...direct.map((conversation) => ({ conversation, fromId: 0, toId: null })),
      ...periods.map((period) => ({ conversation: period.roomId, fromId: period.fromId, toId: period.toId })),
      announcements,
    ];
  }

  private async sender(from: string | undefined): Promise<string | undefined> {
    if (from === undefined) return undefined;
    const found = await this.users.resolve(from);
    if (!found) throw new ApiException(ErrorCode.UnknownUsers, `No such user: ${from}.`, 'from');
    return found;
  }

  /** Each row as its reader may see it: in a room they left, as it was when they left. */
  private async statesOf(rows: TimelineRow[], scopes: SearchScope[]): Promise<Map<number, CurrentMessage>> {
    const groups = new Map<number | null, TimelineRow[]>();
    for (const row of rows) {
      const scope = scopes.find((s) => s.conversation === row.conversation && row.id >= s.fromId && (s.toId === null || row.id <= s.toId));
      const seenUntil = scope?.toId ?? null;
      groups.set(seenUntil, [...(groups.get(seenUntil) ?? []), row]);
    }
    const states = new Map<number, CurrentMessage>();
    for (const [seenUntil, group] of groups) {
      for (const state of await this.timeline.states(group, seenUntil)) states.set(state.id, state);
    }
    return states;
  }

  private async roomNames(rows: TimelineRow[]): Promise<Map<string, string>> {
    const roomIds = [...new Set(rows.map((row) => row.conversation).filter(isRoomId))];
    if (roomIds.length === 0) return new Map();
    return new Map((await this.rooms.describeMany(roomIds)).map((room) => [room.room_id, room.name]));
  }

  private conversation(row: TimelineRow, username: string, roomNames: Map<string, string>): SearchConversation {
    if (isDirectConversation(row.conversation)) {
      const other = conversationIdFor(row.conversation, username);
      return { id: other, type: 'dm', name: other };
    }
    if (isRoomId(row.conversation)) return { id: row.conversation, type: 'room', name: roomNames.get(row.conversation) ?? row.conversation };
    return ANNOUNCEMENTS;
  }
}
