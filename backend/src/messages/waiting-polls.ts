import type { ChatMessage } from '@chatroom/shared';
import type { Audience } from '../timeline/timeline.service';

/** A long-poll waiting for news; `wake` is called once per event that may concern it. */
export interface WaitingPoll {
  readonly username: string;
  /** The session the poll was made with (the hash of its bearer token). */
  readonly tokenHash: string;
  /** `message`, when given, is the news itself; without it the poll must read what is new. */
  wake(message?: ChatMessage): void;
  /** Its session was signed out: it must answer 401 and deliver nothing more. */
  signedOut(): void;
  /** News outside the timeline is waiting for it (EphemeralMailbox). */
  nudge(): void;
}

/**
 * Long-polls waiting right now, indexed by user, so a message wakes only the polls of the users
 * who can see it, however many others wait.
 */
export class WaitingPolls {
  private readonly byUser = new Map<string, Set<WaitingPoll>>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(poll: WaitingPoll): void {
    let polls = this.byUser.get(poll.username);
    if (!polls) this.byUser.set(poll.username, (polls = new Set()));
    polls.add(poll);
    this.count++;
  }

  remove(poll: WaitingPoll): void {
    const polls = this.byUser.get(poll.username);
    if (!polls?.delete(poll)) return;
    this.count--;
    if (polls.size === 0) this.byUser.delete(poll.username);
  }

  /** Ends the polls of one session, wherever it was signed out; the user's other sessions keep waiting. */
  signOut(username: string, tokenHash: string): void {
    const polls = this.byUser.get(username);
    if (polls) for (const poll of [...polls]) if (poll.tokenHash === tokenHash) poll.signedOut();
  }

  nudge(usernames: Iterable<string>): void {
    for (const username of usernames) {
      const polls = this.byUser.get(username);
      if (polls) for (const poll of [...polls]) poll.nudge();
    }
  }

  wake(audience: Audience, message?: ChatMessage): void {
    if (audience === 'everyone') {
      for (const polls of [...this.byUser.values()]) for (const poll of [...polls]) poll.wake(message);
      return;
    }
    for (const username of new Set(audience)) {
      const polls = this.byUser.get(username);
      if (polls) for (const poll of [...polls]) poll.wake(message);
    }
  }
}
