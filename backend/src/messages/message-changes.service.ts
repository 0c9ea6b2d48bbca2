import { Inject, Injectable } from '@nestjs/common';
import { CurrentMessage, ErrorCode, LIMITS, MessageKind, Revision } from '@chatroom/shared';
import { ApiException } from '../common/api-exception';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ServerLifecycle } from '../http/server-lifecycle';
import { RoomsService } from '../rooms/rooms.service';
import type { Executor } from '../storage/executor';
import { isDirectConversation, TimelineRow } from '../timeline/timeline-message';
import { TimelineRepository } from '../timeline/timeline.repository';
import { TimelineService } from '../timeline/timeline.service';
import { isRetryOf, MessageAccess, relationRecipient } from './message-access';
import { resolveMentions } from './mentions';

/** What each change checks (the message's state, its reactions, an earlier try with the same client_id) cannot change before it commits, on any instance. */
const CHECKED = { checked: true };

/** Edits, deletes and reactions: each is a new timeline entry (kind `edit`, `delete`, `reaction`). */
@Injectable()
export class MessageChangesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly timeline: TimelineService,
    private readonly timelineRepository: TimelineRepository,
    private readonly rooms: RoomsService,
    private readonly access: MessageAccess,
    private readonly lifecycle: ServerLifecycle,
  ) {}

  /** As the reader sees it: a reader who left its room sees it as it was then (its deletion aside). */
  async current(username: string, id: number): Promise<CurrentMessage> {
    const { row, seenUntil } = await this.access.visible(username, id, 'id');
    return this.timelineRepository.stateOf(row, seenUntil);
  }

  async revisions(username: string, id: number): Promise<Revision[]> {
    const { row, seenUntil } = await this.access.visible(username, id, 'id');
    if (row.deleted_at !== null) throw deleted(id);
    return this.timelineRepository.revisions(id, seenUntil);
  }

  /** A new text for one's own chat message; the same text again changes nothing. */
  async edit(username: string, id: number, text: string, clientId?: string): Promise<CurrentMessage> {
    this.lifecycle.assertAccepting();
    await this.timeline.transaction(async (trx, append) => {
      if (await this.retried(username, clientId, trx, (entry) => entry.kind === 'edit' && entry.relates_to === id)) return;
      const { row } = await this.access.visible(username, id, 'id', trx);
      onlyChatMessages(row, 'edited');
      if (row.sender !== username) throw new ApiException(ErrorCode.Forbidden, 'Only its author can edit a message.', 'id');
      if (row.deleted_at !== null) throw deleted(id);
      this.assertEditable(row);
      const participants = await this.access.participants(row, username, trx);
      if ((await this.timelineRepository.currentText(row, trx)) === text) return;
      const replyAuthor = row.reply_to === null ? undefined : (await this.timelineRepository.row(row.reply_to, trx))?.sender;
      const mentions = resolveMentions(text, { participants, room: !isDirectConversation(row.conversation), author: username, replyAuthor });
      const mentionedBefore = mentions.length === 0 ? new Set<string>() : await this.timelineRepository.mentionedByRevisions(id, trx);
      await append(
        {
          kind: 'edit',
          sender: username,
          recipient: relationRecipient(row, username),
          body: text,
          clientId,
          relatesTo: { id, conversation: row.conversation },
          mentions,
          newMentions: mentions.filter((name) => !mentionedBefore.has(name)),
        },
        participants,
      );
    }, CHECKED);
    return this.currentState(id);
  }

  /**
   * Deletes a chat message: its author may at any time (also after leaving the room), a room's admin
   * any message of the room, a server admin (ADMIN_USERS) any message anywhere.
   */
  async delete(username: string, id: number, clientId?: string): Promise<void> {
    this.lifecycle.assertAccepting();
    await this.timeline.transaction(async (trx, append) => {
      if (await this.retried(username, clientId, trx, (entry) => entry.kind === 'delete' && entry.relates_to === id)) return;
      const serverAdmin = this.config.adminUsers.has(username.toLowerCase());
      const row = serverAdmin ? await this.anyMessage(id, trx) : (await this.access.visible(username, id, 'id', trx)).row;
      onlyChatMessages(row, 'deleted');
      const allowed =
        row.sender === username || serverAdmin || (!isDirectConversation(row.conversation) && (await this.rooms.adminOf(row.conversation, trx)) === username);
      if (!allowed) {
        throw new ApiException(ErrorCode.Forbidden, "Only its author, the room's admin or a server admin can delete a message.", 'id');
      }
      if (row.deleted_at !== null) throw deleted(id);
      await append(
        { kind: 'delete', sender: username, recipient: relationRecipient(row, username), body: '', clientId, relatesTo: { id, conversation: row.conversation } },
        await this.access.audience(row, trx),
      );
    }, CHECKED);
  }

  /** Adds (or with `add` false, takes back) one's reaction; what is already so changes nothing. */
  async react(username: string, id: number, emoji: string, add: boolean, clientId?: string): Promise<CurrentMessage> {
    this.lifecycle.assertAccepting();
    await this.timeline.transaction(async (trx, append) => {
      const sameChange = (entry: { kind: MessageKind; relates_to?: number; message: string; removed?: boolean }) =>
        entry.kind === 'reaction' && entry.relates_to === id && entry.message === emoji && entry.removed === !add;
      if (await this.retried(username, clientId, trx, sameChange)) return;
      const { row } = await this.access.visible(username, id, 'id', trx);
      onlyChatMessages(row, 'reacted to');
      if (row.deleted_at !== null) {
        throw new ApiException(ErrorCode.ValidationFailed, `Message ${id} was deleted; it takes no reactions.`, 'id');
      }
      const participants = await this.access.participants(row, username, trx);
      if ((await this.timelineRepository.hasReaction(id, emoji, username, trx)) === add) return;
      if (add) {
        const present = await this.timelineRepository.emojiOn(id, trx);
        if (!present.has(emoji) && present.size >= LIMITS.reactionsPerMessageMax) {
          throw new ApiException(ErrorCode.ValidationFailed, `A message takes at most ${LIMITS.reactionsPerMessageMax} different emoji.`, 'emoji');
        }
      }
      await append(
        {
          kind: 'reaction',
          sender: username,
          recipient: relationRecipient(row, username),
          body: emoji,
          clientId,
          relatesTo: { id, conversation: row.conversation },
          removed: !add,
        },
        participants,
      );
    }, CHECKED);
    return this.currentState(id);
  }

  /** Whether this change was made already under the same client_id (then it answers as it did). */
  private async retried(username: string, clientId: string | undefined, trx: Executor, sameChange: Parameters<typeof isRetryOf>[1]): Promise<boolean> {
    if (clientId === undefined) return false;
    return isRetryOf(await this.timelineRepository.findByClientId(username, clientId, trx), sameChange);
  }

  /** A server admin may act on messages they cannot see; unknown ids and edits, deletes or reactions are still 404. */
  private async anyMessage(id: number, db: Executor): Promise<TimelineRow> {
    const row = await this.timelineRepository.row(id, db);
    if (!row || row.relates_to !== null) throw new ApiException(ErrorCode.NotFound, `No message ${id}.`, 'id');
    return row;
  }

  private async currentState(id: number): Promise<CurrentMessage> {
    const state = await this.timelineRepository.current(id);
    if (!state) throw new ApiException(ErrorCode.NotFound, `No message ${id}.`, 'id');
    return state;
  }

  /** MESSAGE_EDIT_WINDOW_SECONDS: unset, no limit; 0, no editing; else that long after sending. */
  private assertEditable(row: TimelineRow): void {
    const window = this.config.messageEditWindowSeconds;
    if (window === null) return;
    if (window === 0) throw new ApiException(ErrorCode.EditWindowExpired, 'Editing messages is turned off on this server.', 'id');
    if (Date.now() - Date.parse(row.created_at) > window * 1000) {
      throw new ApiException(ErrorCode.EditWindowExpired, `Messages can be edited for ${window} s after sending; this one is older.`, 'id');
    }
  }
}

function onlyChatMessages(row: TimelineRow, done: string): void {
  if (row.kind !== 'message') throw new ApiException(ErrorCode.ValidationFailed, `Only chat messages can be ${done}, not events or announcements.`, 'id');
}

function deleted(id: number): ApiException {
  return new ApiException(ErrorCode.MessageDeleted, `Message ${id} was deleted.`, 'id');
}
