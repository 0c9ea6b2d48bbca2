import type { ChatMessage } from '@chatroom/shared';
import { eraseText } from '../timeline/timeline-message';
import type { Audience } from '../timeline/timeline.service';
import { changedInPlace } from './messages-json';

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
 *
 * Entries never change once stored, but for one thing: deleting a message erases its text, its
 * edits' texts and the excerpts replies quote of it. A delete, when fed in, erases the kept entries
 * it concerns in place, as its commit did in the database.
 */
export class RecentMessages {
  private readonly byUser = new Map<string, Recent>();
  private readonly everyone: Recent;
  /** Kept messages and edits, by the id of the message whose text they carry. */
  private readonly texts = new Map<number, Set<ChatMessage>>();
  /** Kept replies, by the id of the message they answer. */
  private readonly replies = new Map<number, Set<ChatMessage>>();
  /** How many users' lists keep each entry, to forget it from the indexes above with the last. */
  private readonly keptBy = new Map<ChatMessage, number>();

  /** `startId`: the newest id stored before the first message was fed in. */
  constructor(
    private readonly keptPerUser: number,
    private readonly startId: number,
  ) {
    this.everyone = { messages: [], completeAfter: startId };
  }

  add(message: ChatMessage, audience: Audience): void {
    this.follow(message);
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

  /** What a delete erases of the entries kept. */
  private follow(change: ChatMessage): void {
    if (change.kind === 'delete' && change.relates_to !== undefined) this.erase(change.relates_to);
  }

  /** Erases a message's texts (its own and its edits') and the quotes of its replies. */
  private erase(target: number): void {
    for (const entry of this.texts.get(target) ?? []) {
      // Erasing takes a deleted reply's link away: it is no longer kept as a reply.
      const answers = entry.reply_to?.id;
      if (answers !== undefined) forget(this.replies, answers, entry);
      eraseText(entry);
      changedInPlace(entry);
    }
    for (const reply of this.replies.get(target) ?? []) {
      if (reply.reply_to?.id === target) {
        reply.reply_to = { ...reply.reply_to, excerpt: '', deleted: true };
        changedInPlace(reply);
      }
    }
  }

  private keep(recent: Recent, message: ChatMessage): void {
    recent.messages.push(message);
    this.held(message, 1);
    const dropped = recent.messages.length > this.keptPerUser ? recent.messages.shift() : undefined;
    if (dropped) {
      recent.completeAfter = dropped.id;
      this.held(dropped, -1);
    }
  }

  private held(message: ChatMessage, change: 1 | -1): void {
    const textOf = message.kind === 'message' ? message.id : message.kind === 'edit' ? message.relates_to : undefined;
    const answers = message.reply_to?.id;
    if (textOf === undefined && answers === undefined) return;
    const count = (this.keptBy.get(message) ?? 0) + change;
    if (count > 0) {
      this.keptBy.set(message, count);
      if (count === 1 && change === 1) {
        if (textOf !== undefined) index(this.texts, textOf).add(message);
        if (answers !== undefined) index(this.replies, answers).add(message);
      }
      return;
    }
    this.keptBy.delete(message);
    if (textOf !== undefined) forget(this.texts, textOf, message);
    if (answers !== undefined) forget(this.replies, answers, message);
  }

  /** Erases the kept messages `sender` sent, as TimelineWriter.eraseTextOf does to the stored ones. */
  eraseTextOf(sender: string): void {
    const sent = new Set<number>();
    for (const recent of [this.everyone, ...this.byUser.values()]) {
      for (const message of recent.messages) if (message.sender === sender && message.kind === 'message') sent.add(message.id);
    }
    for (const id of sent) this.erase(id);
  }

  /** Erases the kept copies of these messages, their edits and their replies' quotes, as their expiry did in the database. */
  eraseMessages(ids: readonly number[]): void {
    for (const id of ids) this.erase(id);
  }
}

function index(map: Map<number, Set<ChatMessage>>, id: number): Set<ChatMessage> {
  let set = map.get(id);
  if (!set) map.set(id, (set = new Set()));
  return set;
}

function forget(map: Map<number, Set<ChatMessage>>, id: number, message: ChatMessage): void {
  const set = map.get(id);
  set?.delete(message);
  if (set?.size === 0) map.delete(id);
}
