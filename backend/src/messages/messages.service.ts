import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ChatMessage, CurrentMessage, Ephemeral, ErrorCode, HistoryResponse, isRoomId, LIMITS, MessagesResponse, SendRequest } from '@chatroom/shared';
import type { ServerResponse } from 'node:http';
import { Subscription } from 'rxjs';
import { ConversationsService, ReadableStretch } from '../conversations/conversations.service';
import { ApiException } from '../common/api-exception';
import type { AuthenticatedRequest } from '../common/authenticated-request';
import { EventBus } from '../events/event-bus';
import { Metrics } from '../metrics/metrics';
import { ServerLifecycle } from '../http/server-lifecycle';
import { PresenceService } from '../presence/presence.service';
import { MembershipPeriod } from '../rooms/rooms.repository';
import { RoomsService } from '../rooms/rooms.service';
import { isUniqueViolation } from '../storage/unique-violation';
import { conversationIdFor, conversationKey } from '../timeline/timeline-message';
import { type RoomVisibility, TimelineRepository } from '../timeline/timeline.repository';
import { AudienceSource, TimelineService } from '../timeline/timeline.service';
import { UploadsService } from '../uploads/uploads.service';
import { UsersService } from '../users/users.service';
import type { MessagesQueryDto } from './dto/messages-query.dto';
import { EphemeralMailbox } from './ephemeral-mailbox';
import { isRetryOf, MessageAccess } from './message-access';
import { resolveMentions } from './mentions';
import { RecentMessages } from './recent-messages';
import { WaitingPoll, WaitingPolls } from './waiting-polls';

/** Enough for a client that fell a little behind to catch up from memory. */
const RECENT_MESSAGES_PER_USER = 32;

export interface SendResult {
  message: ChatMessage;
  /** False when a retry with the same client_id returned the message stored the first time. */
  created: boolean;
}

/** What a waiting poll learns from its callbacks. */
interface PollState {
  woken: boolean;
  signedOut: boolean;
  clientGone: boolean;
  /** A wake-up came without its message: the next answer is read from the database. */
  mustRead: boolean;
  /** Messages handed over by wake-ups since the last read, in id order. */
  delivered: ChatMessage[];
  resolveWake?: () => void;
}

export interface PollOptions {
  /** The session polling: signing it out answers the poll 401. */
  tokenHash: string;
  lastId: number;
  limit: number;
  timeoutSeconds: number;
  /** Registers what to do when the client goes away before the answer. */
  onClientGone?: (callback: () => void) => void;
}

/**
 * A /messages query as poll options. `response` tells when the client goes away before the answer,
 * and its request carries the session, set by whichever path authenticated it.
 */
export function pollOptionsFor(query: MessagesQueryDto, response: ServerResponse): PollOptions {
  return {
    tokenHash: (response.req as AuthenticatedRequest).user.tokenHash,
    lastId: query.last_id ?? 0,
    limit: query.limit ?? LIMITS.messagesPageDefault,
    timeoutSeconds: query.timeout ?? 0,
    // The response closes before it finishes only when the client went away.
    onClientGone: (callback) =>
      response.once('close', () => {
        if (!response.writableFinished) callback();
      }),
  };
}

@Injectable()
export class MessagesService implements OnModuleInit, OnModuleDestroy {
  private readonly waiting = new WaitingPolls();
  private readonly mailbox = new EphemeralMailbox();
  /** With an in-order bus: what polls can be answered with without reading the database. */
  private recent?: RecentMessages;
  private subscription?: Subscription;

  constructor(
    private readonly timeline: TimelineService,
    private readonly timelineRepository: TimelineRepository,
    private readonly rooms: RoomsService,
    private readonly users: UsersService,
    private readonly presence: PresenceService,
    private readonly bus: EventBus,
    private readonly lifecycle: ServerLifecycle,
    private readonly access: MessageAccess,
    private readonly metrics: Metrics,
    private readonly uploads: UploadsService,
    private readonly conversations: ConversationsService,
  ) {}

  async onModuleInit(): Promise<void> {
    // Waiting polls answer at once rather than hold shutdown up.
    this.lifecycle.onClosing(() => this.waiting.wake('everyone'));
    this.metrics.gauge('chatroom_long_polls_waiting', 'Long-polls waiting on this instance', () => this.waiting.size);
    const inOrder = this.bus.deliversMessagesInIdOrder;
    // Read before subscribing: Nest runs start-up hooks one module at a time, so nothing can be
    // stored in between, and on one instance nothing is stored but through this process.
    if (inOrder) this.recent = new RecentMessages(RECENT_MESSAGES_PER_USER, await this.timelineRepository.lastId());
    this.subscription = this.bus.events$.subscribe((event) => {
      if (event.type === 'message') {
        if (event.message) this.recent?.add(event.message, event.audience);
        this.waiting.wake(event.audience, inOrder ? event.message : undefined);
      } else if (event.type === 'token_revoked') {
        this.waiting.signOut(event.username, event.tokenHash);
      } else if (event.type === 'messages_erased') {
        this.recent?.eraseTextOf(event.sender);
      } else if (event.type === 'messages_expired') {
        this.recent?.eraseMessages(event.ids);
      } else if (event.type === 'read_marker') {
        const { conversation, user, lastReadId } = event;
        this.deliverEphemeral(event.audience, `read:${conversation}:${user}`, (recipient) => ({
          type: 'read',
          conversation: conversationIdFor(conversation, recipient),
          user,
          last_read_id: lastReadId,
        }));
      } else if (event.type === 'resync') {
        this.waiting.wake('everyone');
      }
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  get waitingPolls(): number {
    return this.waiting.size;
  }

  /**
   * Stores a message (answering `reply_to`, carrying the uploads in `attachments`, when given), or
   * finds the one a retry with the same client_id stored.
   */
  async send(sender: string, request: Omit<SendRequest, 'sender'>): Promise<SendResult> {
    const { recipient, message: body, client_id: clientId, reply_to: replyTo, attachments = [] } = request;
    this.lifecycle.assertAccepting();
    if (clientId) {
      const earlier = await this.timelineRepository.findByClientId(sender, clientId);
      if (isRetryOf(earlier, (entry) => entry.kind === 'message')) return { message: earlier, created: false };
    }
    let target = recipient;
    let participants: string[];
    let audience: AudienceSource;
    if (isRoomId(recipient)) {
      // Checked before the transaction to refuse cheaply, and again inside it, where membership
      // cannot change before the commit: the audience must be exactly who can see the message.
      participants = await this.rooms.membersForSender(recipient, sender);
      audience = (trx) => this.rooms.membersForSender(recipient, sender, trx);
    } else {
      const username = await this.users.resolve(recipient);
      if (!username) {
        throw new ApiException(ErrorCode.UnknownRecipient, `No such user or room: ${recipient}.`, 'recipient');
      }
      target = username;
      participants = [sender, username];
      audience = participants;
    }
    const room = isRoomId(target);
    try {
      // A reply is checked: the message answered cannot be deleted before it commits; so are
      // attachments: an upload cannot go with two messages.
      const message = await this.timeline.transaction(
        async (trx, append) => {
          const answered = replyTo === undefined ? undefined : await this.access.replyTarget(sender, replyTo, conversationKey(sender, target), trx);
          const files = attachments.length === 0 ? undefined : await this.uploads.claim(sender, attachments, trx);
          const mentions = resolveMentions(body, { participants, room, author: sender, replyAuthor: answered?.sender });
          const sent = await append({ kind: 'message', sender, recipient: target, body, clientId, replyTo: answered, mentions, attachments: files }, audience);
          if (files) await this.uploads.attach(attachments, sent.id, trx);
          return sent;
        },
        { checked: replyTo !== undefined || attachments.length > 0 },
      );
      return { message, created: true };
    } catch (error) {
      // Two copies of one retry raced; the first one won.
      const earlier = clientId && isUniqueViolation(error) ? await this.timelineRepository.findByClientId(sender, clientId) : undefined;
      if (earlier) return { message: earlier, created: false };
      throw error;
    }
  }

  /**
   * Messages `username` can see after `lastId`. With a timeout and nothing new, waits until a
   * message for them is committed, the timeout passes, the client leaves, or the server stops.
   * If the session is signed out meanwhile (on any instance), the poll answers 401 instead.
   */
  async poll(username: string, options: PollOptions): Promise<MessagesResponse> {
    const { tokenHash, lastId, limit, timeoutSeconds, onClientGone } = options;
    if (timeoutSeconds <= 0) return withEphemeral(await this.fetch(username, lastId, limit), this.mailbox.take(username, tokenHash));

    // Set by the callbacks below while the poll waits, and read after each wait: kept in one object
    // because the compiler cannot see a callback change a local variable.
    const state: PollState = { woken: false, signedOut: false, clientGone: false, mustRead: false, delivered: [] };
    const poll: WaitingPoll = {
      username,
      tokenHash,
      wake: (message) => {
        state.woken = true;
        if (message && message.id > lastId) state.delivered.push(message);
        else state.mustRead = true;
        state.resolveWake?.();
      },
      signedOut: () => {
        state.signedOut = true;
        state.resolveWake?.();
      },
      nudge: () => state.resolveWake?.(),
    };
    // Registered before the first read, so a message committed while we read is not missed.
    this.waiting.add(poll);
    this.presence.pollOpened(username);
    const deadline = Date.now() + timeoutSeconds * 1000;
    let timer: NodeJS.Timeout | undefined;
    onClientGone?.(() => {
      state.clientGone = true;
      state.resolveWake?.();
    });
    try {
      let result = await this.fetch(username, lastId, limit);
      for (;;) {
        if (state.signedOut) {
          throw new ApiException(ErrorCode.Unauthenticated, 'This session was signed out while the poll waited. Sign in again.', 'Authorization');
        }
        // Taken right before waiting: a nudge comes only while the poll waits, and what arrived
        // before it is in the mailbox.
        const ephemeral = this.mailbox.take(username, tokenHash);
        const remaining = deadline - Date.now();
        if (result.messages.length > 0 || ephemeral.length > 0 || remaining <= 0 || this.lifecycle.closing || state.clientGone) {
          return withEphemeral(result, ephemeral);
        }
        if (!state.woken) {
          await new Promise<void>((resolve) => {
            state.resolveWake = resolve;
            timer = setTimeout(resolve, remaining);
          });
          clearTimeout(timer);
          state.resolveWake = undefined;
        }
        // Registered before the first read, every message committed since reached us in id order:
        // those handed over are exactly what a read would return, unless a wake-up came without one.
        if (!state.woken) {
          result = { messages: [], last_id: lastId };
        } else if (state.mustRead || state.delivered.length === 0) {
          result = await this.fetch(username, lastId, limit);
        } else {
          const messages = state.delivered.slice(0, limit);
          result = { messages, last_id: messages.at(-1)?.id ?? lastId };
        }
        state.woken = false;
        state.mustRead = false;
        state.delivered = [];
      }
    } finally {
      this.waiting.remove(poll);
      this.presence.pollClosed(username);
    }
  }

  /**
   * A page of one conversation in its current state, through the stretches the reader could see it:
   * the newest before `before` (or the newest of all), the oldest after `after`, or one centred where
   * `around` falls (about half older than it, the rest from it on; when one side runs short the
   * other fills the page). At most one of the three.
   */
  async history(username: string, withWhom: string, position: HistoryPosition, limit: number): Promise<HistoryResponse> {
    const stretches = await this.conversations.readableStretches(username, withWhom, 'with', ErrorCode.UnknownRecipient);
    if (position.around !== undefined) {
      const [older, newer] = await Promise.all([this.olderThan(stretches, position.around, limit), this.fromOn(stretches, position.around, limit)]);
      const olderTaken = Math.min(older.length, Math.max(Math.floor((limit - 1) / 2), limit - newer.length));
      const newerTaken = Math.min(newer.length, limit - olderTaken);
      const messages = [...older.slice(older.length - olderTaken), ...newer.slice(0, newerTaken)];
      const [hasMore, hasMoreAfter] = await Promise.all([
        older.length > olderTaken || (older.length === limit && this.anyBefore(stretches, older[0]?.id ?? position.around)),
        newer.length > newerTaken || (newer.length === limit && this.anyFrom(stretches, (newer.at(-1)?.id ?? position.around) + 1)),
      ]);
      return { messages, has_more: hasMore, has_more_after: hasMoreAfter };
    }
    if (position.after !== undefined) {
      const from = position.after + 1;
      const newer = await this.fromOn(stretches, from, limit);
      const [hasMore, hasMoreAfter] = await Promise.all([
        this.anyBefore(stretches, from),
        newer.length === limit && this.anyFrom(stretches, (newer.at(-1)?.id ?? position.after) + 1),
      ]);
      return { messages: newer, has_more: hasMore, has_more_after: hasMoreAfter };
    }
    const before = position.before ?? Number.MAX_SAFE_INTEGER;
    const older = await this.olderThan(stretches, before, limit);
    const [hasMore, hasMoreAfter] = await Promise.all([
      older.length === limit && this.anyBefore(stretches, older[0]?.id ?? before),
      position.before !== undefined && this.anyFrom(stretches, position.before),
    ]);
    return { messages: older, has_more: hasMore, has_more_after: hasMoreAfter };
  }

  /** Whether the stretches hold an entry with an id below `beforeId`, looking at ids only. */
  private async anyBefore(stretches: ReadableStretch[], beforeId: number): Promise<boolean> {
    for (const stretch of stretches) {
      const upper = Math.min(beforeId - 1, stretch.toId ?? Number.MAX_SAFE_INTEGER);
      if (upper >= stretch.fromId && (await this.timelineRepository.hasEntry(stretch.conversation, stretch.fromId, upper))) return true;
    }
    return false;
  }

  /** Whether the stretches hold an entry with an id from `fromId` on, looking at ids only. */
  private async anyFrom(stretches: ReadableStretch[], fromId: number): Promise<boolean> {
    for (const stretch of stretches) {
      const lower = Math.max(fromId, stretch.fromId);
      if ((stretch.toId === null || lower <= stretch.toId) && (await this.timelineRepository.hasEntry(stretch.conversation, lower, stretch.toId))) return true;
    }
    return false;
  }


  /**
   * The newest `limit` entries with ids below `beforeId`, oldest first, newest stretch first so
   * nothing outside them shows; a stretch that ended shows its messages as they were when it ended
   * (deletions aside).
   */
  private async olderThan(stretches: ReadableStretch[], beforeId: number, limit: number): Promise<CurrentMessage[]> {
    let collected: CurrentMessage[] = [];
    for (const stretch of [...stretches].sort((a, b) => b.fromId - a.fromId)) {
      const upper = Math.min(beforeId, stretch.toId === null ? Number.MAX_SAFE_INTEGER : stretch.toId + 1);
      if (upper <= stretch.fromId) continue;
      const rows = await this.timelineRepository.page(stretch.conversation, stretch.fromId, upper, limit - collected.length, stretch.toId);
      collected = [...rows, ...collected];
      if (collected.length >= limit) break;
    }
    return collected;
  }

  /** The oldest `limit` entries with ids from `fromId` on, oldest first, oldest stretch first. */
  private async fromOn(stretches: ReadableStretch[], fromId: number, limit: number): Promise<CurrentMessage[]> {
    const collected: CurrentMessage[] = [];
    for (const stretch of [...stretches].sort((a, b) => a.fromId - b.fromId)) {
      if (stretch.toId !== null && stretch.toId < fromId) continue;
      const rows = await this.timelineRepository.pageFrom(stretch.conversation, Math.max(fromId, stretch.fromId), stretch.toId, limit - collected.length);
      collected.push(...rows);
      if (collected.length >= limit) break;
    }
    return collected;
  }

  /**
   * Hands news outside the timeline to `recipients`' sessions on this instance (every instance
   * does the same for its own): each gets `itemFor` it with its next answer. `key` names what a
   * newer item replaces.
   */
  deliverEphemeral(recipients: Iterable<string>, key: string, itemFor: (recipient: string) => Ephemeral): void {
    const named = new Set(recipients);
    for (const recipient of named) this.mailbox.post(recipient, key, itemFor(recipient));
    this.waiting.nudge(named);
  }

  private async fetch(username: string, lastId: number, limit: number): Promise<MessagesResponse> {
    const remembered = this.recent?.after(username, lastId, limit);
    if (remembered) return { messages: remembered, last_id: remembered.at(-1)?.id ?? lastId };
    const rooms = visibility(await this.rooms.periodsOf(username), lastId);
    const messages = await this.timelineRepository.visibleAfter(username, lastId, limit, rooms);
    return { messages, last_id: messages.at(-1)?.id ?? lastId };
  }
}

/** An answer carries `ephemeral` only when there is some: the answers old clients know stay as they were. */
function withEphemeral(result: MessagesResponse, ephemeral: Ephemeral[]): MessagesResponse {
  return ephemeral.length > 0 ? { ...result, ephemeral } : result;
}

/** Where in the timeline a /history page is: at most one of them (none: the newest page). */
export interface HistoryPosition {
  before?: number;
  after?: number;
  around?: number;
}

function visibility(periods: MembershipPeriod[], afterId: number): RoomVisibility {
  const rooms: RoomVisibility = { open: [], bounded: [] };
  for (const period of periods) {
    if (period.toId !== null && period.toId <= afterId) continue;
    if (period.toId === null && period.fromId <= afterId + 1) rooms.open.push(period.roomId);
    else rooms.bounded.push(period);
  }
  return rooms;
}
