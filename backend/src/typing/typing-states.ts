/** One conversation's typists: when each one's state ends, and whom to tell then. */
interface Typist {
  until: number;
  audience: string[];
  timer: NodeJS.Timeout;
}

/**
 * Who is typing where, as the typing events of every instance say (each instance keeps the same
 * states). A state ends at its `until` unless renewed: `ended` is then told who stopped, as if
 * they had said so.
 */
export class TypingStates {
  private readonly byConversation = new Map<string, Map<string, Typist>>();

  constructor(private readonly ended: (conversation: string, user: string, audience: string[]) => void) {}

  /** Those typing in `conversation` now, in the order they started. */
  typists(conversation: string): string[] {
    return [...(this.byConversation.get(conversation)?.keys() ?? [])];
  }

  /** When `user`'s state in `conversation` ends (epoch ms), or undefined when they are not typing. */
  until(conversation: string, user: string): number | undefined {
    return this.byConversation.get(conversation)?.get(user)?.until;
  }

  /** Starts or renews (`until` in epoch ms) or ends (null) a state. Whether the list of typists changed. */
  set(conversation: string, user: string, until: number | null, audience: string[]): boolean {
    let typists = this.byConversation.get(conversation);
    const known = typists?.get(user);
    if (known) clearTimeout(known.timer);
    if (until === null) {
      if (!known || !typists) return false;
      typists.delete(user);
      if (typists.size === 0) this.byConversation.delete(conversation);
      return true;
    }
    if (!typists) this.byConversation.set(conversation, (typists = new Map<string, Typist>()));
    const timer = setTimeout(() => {
      if (this.set(conversation, user, null, audience)) this.ended(conversation, user, audience);
    }, Math.max(0, until - Date.now()));
    timer.unref();
    typists.set(user, { until, audience, timer });
    return !known;
  }

  /** Ends every state without telling anyone: the server is stopping. */
  clear(): void {
    for (const typists of this.byConversation.values()) for (const typist of typists.values()) clearTimeout(typist.timer);
    this.byConversation.clear();
  }
}
