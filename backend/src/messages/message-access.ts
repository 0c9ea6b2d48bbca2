import { Injectable } from '@nestjs/common';
import { ANNOUNCEMENT_RECIPIENT, ChatMessage, ErrorCode, excerptOf, isRelationKind, MessageKind, ReplyPreview } from '@chatroom/shared';
import { ApiException } from '../common/api-exception';
import { RoomsService } from '../rooms/rooms.service';
import type { Executor } from '../storage/executor';
import { directParticipants, isDirectConversation, TimelineRow } from '../timeline/timeline-message';
import { TimelineRepository } from '../timeline/timeline.repository';

export interface VisibleMessage {
  row: TimelineRow;
  /** The reader sees the changes made to it up to this id (null: all; else they left its room then). */
  seenUntil: number | null;
}

/**
 * Who may see and act on a stored message, by the rule /messages delivers by: a DM's two users, a
 * room's members for the stretches they were members, everyone for announcements.
 */
@Injectable()
export class MessageAccess {
  constructor(
    private readonly timelineRepository: TimelineRepository,
    private readonly rooms: RoomsService,
  ) {}

  /**
   * A message, event or announcement `username` can see, and until which id they see what happens
   * to it (null: still; else the end of their membership of its room); 404 naming `field` for an
   * unknown id, one they cannot see, or an edit, delete or reaction.
   */
  async visible(username: string, id: number, field: string, db?: Executor): Promise<VisibleMessage> {
    const row = await this.timelineRepository.row(id, db);
    const seen = row && !isRelationKind(row.kind as MessageKind) ? await this.seenBy(username, row, db) : undefined;
    if (!row || !seen) throw new ApiException(ErrorCode.NotFound, `No message ${id} that you can see.`, field);
    return { row, seenUntil: seen.until };
  }

  /** Whether `username` sees the entry (by its conversation and id), and until which id they see its changes. */
  private async seenBy(username: string, row: TimelineRow, db?: Executor): Promise<{ until: number | null } | undefined> {
    if (row.conversation === ANNOUNCEMENT_RECIPIENT) return { until: null };
    if (isDirectConversation(row.conversation)) return directParticipants(row.conversation).includes(username) ? { until: null } : undefined;
    const periods = await this.rooms.periodsOf(username, db);
    const period = periods.find((p) => p.roomId === row.conversation && p.fromId <= row.id && (p.toId === null || row.id <= p.toId));
    return period && { until: period.toId };
  }

  /**
   * Who takes part in the message's conversation now, for `actor` to change it: the DM's two users,
   * or the room's members; 403 when the actor has left the room since.
   */
  async participants(row: TimelineRow, actor: string, db: Executor): Promise<string[]> {
    if (isDirectConversation(row.conversation)) return [...new Set(directParticipants(row.conversation))];
    const members = await this.rooms.currentMembers(row.conversation, db);
    if (!members.includes(actor)) {
      throw new ApiException(ErrorCode.NotRoomMember, `You are no longer a member of ${row.conversation}.`, 'id');
    }
    return members;
  }

  /** Who sees an entry added to the message's conversation now: the DM's two users, or the room's current members. */
  async audience(row: TimelineRow, db: Executor): Promise<string[]> {
    if (isDirectConversation(row.conversation)) return [...new Set(directParticipants(row.conversation))];
    return this.rooms.currentMembers(row.conversation, db);
  }

  /**
   * The message a new one in `conversation` may answer: visible to the sender (else 404), a chat
   * message of that conversation and not deleted (else 400).
   */
  async replyTarget(sender: string, id: number, conversation: string, db: Executor): Promise<ReplyPreview> {
    const { row } = await this.visible(sender, id, 'reply_to', db);
    if (row.conversation !== conversation) {
      throw new ApiException(ErrorCode.ValidationFailed, `reply_to must be a message of this conversation; ${id} is not.`, 'reply_to');
    }
    if (row.kind !== 'message') throw new ApiException(ErrorCode.ValidationFailed, 'reply_to must be a chat message, not an event or announcement.', 'reply_to');
    if (row.deleted_at !== null) throw new ApiException(ErrorCode.ValidationFailed, `Message ${id} was deleted; it cannot be answered.`, 'reply_to');
    return { id, sender: row.sender, excerpt: excerptOf(await this.timelineRepository.currentText(row, db)), deleted: false };
  }
}

/** Of an edit, delete or reaction: in a room the room; in a DM the other of its two users from the actor's side (a server admin outside it: the message's recipient). */
export function relationRecipient(row: TimelineRow, actor: string): string {
  if (!isDirectConversation(row.conversation)) return row.recipient;
  const [first, second] = directParticipants(row.conversation);
  if (actor === first) return second;
  if (actor === second) return first;
  return row.recipient;
}

/**
 * Whether an earlier entry found by the same sender and client_id is this very change retried;
 * a client_id already used for something else is refused.
 */
export function isRetryOf(earlier: ChatMessage | undefined, sameChange: (entry: ChatMessage) => boolean): earlier is ChatMessage {
  if (!earlier) return false;
  if (sameChange(earlier)) return true;
  throw new ApiException(ErrorCode.ValidationFailed, 'client_id was already used for another message or change.', 'client_id');
}
