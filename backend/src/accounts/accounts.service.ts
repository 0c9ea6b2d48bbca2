import { Injectable } from '@nestjs/common';
import { ErrorCode, isRoomId } from '@chatroom/shared';
import { AuthService } from '../auth/auth.service';
import { ApiException } from '../common/api-exception';
import type { AuthenticatedUser } from '../common/authenticated-request';
import { RoomsService } from '../rooms/rooms.service';
import { conversationIdFor } from '../timeline/timeline-message';
import { TimelineRepository } from '../timeline/timeline.repository';
import { TimelineService } from '../timeline/timeline.service';
import { UsersService } from '../users/users.service';

/** Messages read per query while exporting: a long history streams out a page at a time. */
const EXPORT_PAGE = 500;

export interface DeletedAccount {
  username: string;
  /** Sessions that ended. */
  sessions: number;
  /** Rooms the account left. */
  rooms: number;
  /** Messages whose text was erased (with `erase`). */
  erased: number;
}

/** What a signed-in user does to their own account; the admin command line deletes accounts through here too. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly rooms: RoomsService,
    private readonly timeline: TimelineService,
    private readonly timelineRepository: TimelineRepository,
  ) {}

  /** Sets a new password once the current one is confirmed; every other session ends, on every instance. */
  async changePassword(user: AuthenticatedUser, currentPassword: string, newPassword: string, address: string): Promise<void> {
    await this.auth.confirmPassword(user.username, currentPassword, address, 'current_password');
    await this.auth.setPassword(user.username, newPassword);
    await this.auth.endSessions(user.username, user.tokenHash);
  }

  /** Deletes the caller's account once their password is confirmed (see `delete`). */
  async deleteOwn(username: string, password: string, erase: boolean, address: string): Promise<DeletedAccount> {
    await this.auth.confirmPassword(username, password, address, 'password');
    return this.delete(username, erase);
  }

  /**
   * Deletes an account: nobody can sign in as it again, its sessions end at once, its name stays
   * taken, it leaves its rooms (those it administered pass to their longest-standing member), and
   * with `erase` the text of its messages is erased. Deleting a deleted account again only erases.
   */
  async delete(name: string, erase: boolean): Promise<DeletedAccount> {
    const user = await this.users.find(name);
    if (!user) throw new ApiException(ErrorCode.NotFound, `No such user: ${name}.`, 'username');
    if (user.deactivated && !erase) throw new ApiException(ErrorCode.NotFound, `The account ${user.username} is deleted already.`, 'username');
    await this.users.deactivate(user.username);
    const sessions = await this.auth.endSessions(user.username);
    const rooms = await this.rooms.leaveAll(user.username);
    const erased = erase ? await this.timeline.eraseTextOf(user.username) : 0;
    return { username: user.username, sessions, rooms: rooms.length, erased };
  }

  /**
   * Everything `username` can see, as the pieces of one JSON document (AccountExport): their account,
   * their rooms, then every DM and every room's messages for the stretches they were a member,
   * read a page at a time so that a long history never sits in memory whole.
   */
  async *exportOf(username: string): AsyncGenerator<string> {
    const user = await this.users.find(username);
    if (!user) throw new ApiException(ErrorCode.NotFound, `No such user: ${username}.`);
    const [rooms, periods, directKeys] = await Promise.all([
      this.rooms.roomsOf(user.username),
      this.rooms.periodsOf(user.username),
      this.timelineRepository.directConversationsOf(user.username),
    ]);
    const account = { username: user.username, created_at: user.createdAt };
    yield `{"exported_at":${JSON.stringify(new Date().toISOString())},"account":${JSON.stringify(account)},"rooms":${JSON.stringify(rooms)},"conversations":[`;

    const conversations: { id: string; key: string; stretches: { afterId: number; toId: number | null }[] }[] = [
      ...directKeys.sort().map((key) => ({ id: conversationIdFor(key, user.username), key, stretches: [{ afterId: 0, toId: null }] })),
    ];
    const roomStretches = new Map<string, { afterId: number; toId: number | null }[]>();
    for (const period of [...periods].sort((a, b) => a.fromId - b.fromId)) {
      const stretches = roomStretches.get(period.roomId) ?? [];
      stretches.push({ afterId: period.fromId - 1, toId: period.toId });
      roomStretches.set(period.roomId, stretches);
    }
    for (const [roomId, stretches] of roomStretches) conversations.push({ id: roomId, key: roomId, stretches });

    for (const [index, conversation] of conversations.entries()) {
      const type = isRoomId(conversation.key) ? 'room' : 'dm';
      yield `${index === 0 ? '' : ','}{"id":${JSON.stringify(conversation.id)},"type":"${type}","messages":[`;
      let first = true;
      for (const stretch of conversation.stretches) {
        for (let afterId = stretch.afterId; ; ) {
          const page = await this.timelineRepository.pageForward(conversation.key, afterId, stretch.toId, EXPORT_PAGE);
          if (page.length === 0) break;
          yield `${first ? '' : ','}${page.map((message) => JSON.stringify(message)).join(',')}`;
          first = false;
          afterId = page[page.length - 1]?.id ?? afterId;
          if (page.length < EXPORT_PAGE) break;
        }
      }
      yield ']}';
    }
    yield ']}';
  }
}
