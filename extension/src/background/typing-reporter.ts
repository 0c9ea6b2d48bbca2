import { isRoomId, LIMITS } from '@chatroom/shared';
import type { ApiFor } from './api-client';
import type { Clock } from './clock';
import type { StateStore } from './state';

/**
 * Tells the server where the user is typing (POST /typing): `true` at most every
 * LIMITS.typingRenewSeconds while keys are pressed, `false` when they send, empty the box or leave.
 * Kept in memory only: a typing state lasts seconds on the server, so a stopped worker loses nothing
 * worth keeping (the server ends the state by itself).
 */
export class TypingReporter {
  /** View id -> where that view's user types and when `true` was last sent for it. */
  private readonly typing = new Map<string, { conversation: string; sentAt: number }>();
  private sending: Promise<void> = Promise.resolve();

  constructor(
    private readonly state: StateStore,
    private readonly api: ApiFor,
    private readonly clock: Clock,
  ) {}

  /** The user in view `viewId` typed in `conversation` (`true`), or stopped there (`false`). */
  async report(viewId: string, conversation: string, typing: boolean): Promise<void> {
    const current = this.typing.get(viewId);
    if (!typing) {
      if (current?.conversation === conversation) await this.stop(viewId);
      return;
    }
    if (!this.state.current.session || this.crowded(conversation)) return;
    const now = this.clock.now();
    if (current?.conversation === conversation && now - current.sentAt < LIMITS.typingRenewSeconds * 1000) return;
    // Both queued before anything is awaited: a stop asked for meanwhile must come after this start.
    const left = current && current.conversation !== conversation ? this.send(current.conversation, false) : undefined;
    this.typing.set(viewId, { conversation, sentAt: now });
    await Promise.all([left, this.send(conversation, true)]);
  }

  /** The view closed: whatever it was typing in, it stopped. */
  async detach(viewId: string): Promise<void> {
    await this.stop(viewId);
  }

  private async stop(viewId: string): Promise<void> {
    const current = this.typing.get(viewId);
    if (!current) return;
    this.typing.delete(viewId);
    await this.send(current.conversation, false);
  }

  /** Rooms of more than LIMITS.typingRoomMembersMax members share no typing states. */
  private crowded(conversation: string): boolean {
    if (!isRoomId(conversation)) return false;
    const room = this.state.current.cache.rooms.find((r) => r.room_id === conversation);
    return (room?.participants.length ?? 0) > LIMITS.typingRoomMembersMax;
  }

  /** One call at a time, in order: a `false` overtaking the `true` before it would leave the user typing. */
  private send(conversation: string, typing: boolean): Promise<void> {
    this.sending = this.sending.then(() =>
      this.api()
        .typing(conversation, typing)
        // A nicety: the server ends a typing state by itself, and the next key press says it again.
        .then(() => undefined, () => undefined),
    );
    return this.sending;
  }
}
