import type { ChatMessage } from '@chatroom/shared';
import type { Audience } from '../timeline/timeline.service';

interface Recent {
  /** Oldest first. */
  messages: ChatMessage[];
  /** Every message visible to the user with an id above this one is in `messages`. */
  completeAfter: number;
}

/**
 * The newest messages each user can see, kept in memory so that most polls are answered without
 * reading the database. Fed with every message in id order, none missing (an in-order bus): for
 * ids above `completeAfter`, what is kept is exactly what a read would return.
 */
export class RecentMessages {
  private readonly byUser = new Map<string, Recent>();
  private readonly everyone: Recent;

  /** `startId`: the newest id stored before the first message was fed in. */
  constructor(
    private readonly keptPerUser: number,
    private readonly startId: number,
  ) {
    this.everyone = { messages: [], completeAfter: startId };
  }

  add(message: ChatMessage, audience: Audience): void {
    if (audience === 'everyone') {
      this.keep(this.everyone, message);
      return;
    }
    for (const username of new Set(audience)) {
      let recent = this.byUser.get(username);
      if (!recent) this.byUser.set(username, (recent = { messages: [], completeAfter: this.startId }));
      this.keep(recent, message);
    }
  }

  /** Messages visible to `username` with ids above `afterId`, oldest first; undefined when memory does not reach back that far. */
  after(username: string, afterId: number, limit: number): ChatMessage[] | undefined {
    const own = this.byUser.get(username) ?? { messages: [], completeAfter: this.startId };
    if (afterId < own.completeAfter || afterId < this.everyone.completeAfter) return undefined;
    const newer = (recent: Recent) => recent.messages.filter((message) => message.id > afterId);
    const found = this.everyone.messages.length === 0 ? newer(own) : [...newer(own), ...newer(this.everyone)].sort((a, b) => a.id - b.id);
    return found.slice(0, limit);
  }

  private keep(recent: Recent, message: ChatMessage): void {
    recent.messages.push(message);
    const dropped = recent.messages.length > this.keptPerUser ? recent.messages.shift() : undefined;
    if (dropped) recent.completeAfter = dropped.id;
  }

  /** Empties the text of the kept messages `sender` sent, as TimelineWriter.eraseTextOf does to the stored ones. */
  eraseTextOf(sender: string): void {
    for (const recent of [this.everyone, ...this.byUser.values()]) {
      recent.messages = recent.messages.map((message) => (message.sender === sender && message.kind === 'message' ? { ...message, message: '' } : message));
    }
  }
}
