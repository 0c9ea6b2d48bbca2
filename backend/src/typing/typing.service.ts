import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { isRoomId, LIMITS } from '@chatroom/shared';
import type { Subscription } from 'rxjs';
import { ConversationsService } from '../conversations/conversations.service';
import { EventBus } from '../events/event-bus';
import { MessagesService } from '../messages/messages.service';
import { conversationIdFor } from '../timeline/timeline-message';
import { UsersService } from '../users/users.service';
import { TypingStates } from './typing-states';

/** A renewal this soon after the last one is not passed on: the state it would extend still has most of its time. */
const RENEWAL_MIN_MS = 1000;

/**
 * "bob is typing…": who types where, told to the other participants on the long-poll (outside the
 * timeline) when the list changes, on every instance.
 */
@Injectable()
export class TypingService implements OnModuleInit, OnModuleDestroy {
  private readonly states = new TypingStates((conversation, _user, audience) => this.tell(conversation, audience));
  private subscription?: Subscription;

  constructor(
    private readonly bus: EventBus,
    private readonly conversations: ConversationsService,
    private readonly users: UsersService,
    private readonly messages: MessagesService,
  ) {}

  onModuleInit(): void {
    this.subscription = this.bus.events$.subscribe((event) => {
      if (event.type === 'typing' && this.states.set(event.conversation, event.user, event.until, event.audience)) {
        this.tell(event.conversation, event.audience);
      }
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    this.states.clear();
  }

  /**
   * `username` types in `conversation` (a DM, or a room they are in), or stopped. Nobody is told in
   * rooms of more than LIMITS.typingRoomMembersMax members, nor of someone who shares no typing.
   */
  async set(username: string, conversation: string, typing: boolean): Promise<void> {
    const { key, others } = await this.conversations.participantsOf(username, conversation);
    if (isRoomId(key) && others.length + 1 > LIMITS.typingRoomMembersMax) return;
    const current = this.states.until(key, username);
    if (typing) {
      const until = Date.now() + LIMITS.typingSeconds * 1000;
      // A state renewed this often is already known to be running: no need to ask the account again.
      if (current !== undefined && until - current < RENEWAL_MIN_MS) return;
      if (await this.users.sharesTyping(username)) {
        await this.bus.publish({ type: 'typing', conversation: key, user: username, until, audience: others });
        return;
      }
    }
    if (current !== undefined) {
      await this.bus.publish({ type: 'typing', conversation: key, user: username, until: null, audience: others });
    }
  }

  private tell(conversation: string, audience: string[]): void {
    const typists = this.states.typists(conversation);
    this.messages.deliverEphemeral(audience, `typing:${conversation}`, (recipient) => ({
      type: 'typing',
      conversation: conversationIdFor(conversation, recipient),
      users: typists.filter((name) => name !== recipient),
    }));
  }
}
