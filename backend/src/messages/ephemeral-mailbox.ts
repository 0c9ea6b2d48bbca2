import type { Ephemeral } from '@chatroom/shared';

/** How long news outside the timeline waits for a session's next poll. */
export const EPHEMERAL_HOLD_MS = 5_000;

interface Held {
  seq: number;
  at: number;
  item: Ephemeral;
}

/**
 * Read receipts and typing states for the sessions of each user, held briefly: a client is
 * between two polls for a moment after every answer, and news arriving then would be lost. Each
 * session takes what arrived since its last take, once; what nobody took within EPHEMERAL_HOLD_MS
 * is dropped, so nothing is replayed to a client that comes back later (it reads the current
 * state instead). Only the newest item per `key` (one user's marker in one conversation, one
 * conversation's typing list) is kept.
 */
export class EphemeralMailbox {
  private seq = 0;
  private prunedAt = 0;
  private readonly byUser = new Map<string, Map<string, Held>>();
  /** The last seq each session (by token hash) took, and when. */
  private readonly taken = new Map<string, { seq: number; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  post(username: string, key: string, item: Ephemeral): void {
    this.prune();
    let held = this.byUser.get(username);
    if (!held) this.byUser.set(username, (held = new Map<string, Held>()));
    held.delete(key);
    held.set(key, { seq: ++this.seq, at: this.now(), item });
  }

  /** What arrived for `username` since this session last took, oldest first. */
  take(username: string, session: string): Ephemeral[] {
    const now = this.now();
    const since = this.taken.get(session);
    // Kept in the order of their last take, oldest first, for prune().
    this.taken.delete(session);
    this.taken.set(session, { seq: this.seq, at: now });
    const held = this.byUser.get(username);
    if (!held) return [];
    const items: Ephemeral[] = [];
    for (const entry of held.values()) {
      if (entry.seq > (since?.seq ?? 0) && now - entry.at < EPHEMERAL_HOLD_MS) items.push(entry.item);
    }
    return items;
  }

  /** At most once a second: both maps are in time order, so each walk stops at the first entry still held. */
  private prune(): void {
    const now = this.now();
    if (now - this.prunedAt < 1000) return;
    this.prunedAt = now;
    const oldest = now - EPHEMERAL_HOLD_MS;
    for (const [username, held] of this.byUser) {
      for (const [key, entry] of held) {
        if (entry.at > oldest) break;
        held.delete(key);
      }
      if (held.size === 0) this.byUser.delete(username);
    }
    for (const [session, last] of this.taken) {
      if (last.at > oldest) break;
      this.taken.delete(session);
    }
  }
}
