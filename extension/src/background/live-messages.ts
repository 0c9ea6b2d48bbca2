import { applyChange, ChatMessage, Conversation, CurrentMessage, withReplyPreview } from '@chatroom/shared';
import type { StateStore } from './state';

export interface LiveMessagesOutputs {
  /** Messages an edit, delete or reaction changed, in their new state. */
  onChanged?: (messages: CurrentMessage[]) => void;
}

/** The most messages kept per conversation; views hold what they show themselves, this only keeps them current. */
const MAX_PER_CONVERSATION = 2_000;

/**
 * Keeps the messages that views show current as edits, deletes and reactions arrive: the ones views
 * loaded or were delivered (in memory: a view loads its history again from a new worker), and each
 * conversation's last message in the stored list, which the conversation list previews.
 */
export class LiveMessages {
  private readonly byConversation = new Map<string, Map<number, CurrentMessage>>();
  private owner: string | null = null;

  constructor(
    private readonly state: StateStore,
    private readonly outputs: LiveMessagesOutputs,
  ) {}

  /** Keeps messages a view loaded, in their current state. */
  remember(conversation: string, messages: CurrentMessage[]): void {
    const cached = this.cacheOf(conversation, true);
    for (const message of messages) cached.set(message.id, message);
    if (cached.size > MAX_PER_CONVERSATION) {
      const oldest = [...cached.keys()].sort((a, b) => a - b).slice(0, cached.size - MAX_PER_CONVERSATION);
      for (const id of oldest) cached.delete(id);
    }
  }

  /** Keeps a newly delivered message, in a conversation some view has loaded. */
  delivered(conversation: string, message: CurrentMessage): void {
    if (this.cacheOf(conversation, false)) this.remember(conversation, [message]);
  }

  /** Who wrote a message, when it is known here. */
  senderOf(conversation: string, id: number): string | undefined {
    const cached = this.cacheOf(conversation, false)?.get(id);
    if (cached) return cached.sender;
    const last = this.state.current.cache.conversations.find((c) => c.id === conversation)?.last_message;
    return last?.id === id ? last.sender : undefined;
  }

  /** Folds edit, delete and reaction entries (oldest first) of `conversation` into what is kept. */
  async apply(conversation: string, entries: ChatMessage[]): Promise<void> {
    await this.update(conversation, (message) => entries.reduce(applyChange, message));
  }

  /** Takes a message as the server now has it (the answer to the user's own edit or reaction). */
  async replace(conversation: string, current: CurrentMessage): Promise<void> {
    await this.update(conversation, (message) => (message.id === current.id ? current : message));
  }

  private async update(conversation: string, change: (message: CurrentMessage) => CurrentMessage): Promise<void> {
    const changed: CurrentMessage[] = [];
    const cached = this.cacheOf(conversation, false);
    if (cached) {
      const originals: CurrentMessage[] = [];
      for (const [id, message] of cached) {
        const next = change(message);
        if (next !== message) {
          cached.set(id, next);
          originals.push(next);
        }
      }
      changed.push(...originals);
      // Replies quote their original as it is now.
      for (const original of originals) {
        for (const [id, message] of cached) {
          const next = withReplyPreview(message, original);
          if (next !== message) {
            cached.set(id, next);
            changed.push(next);
          }
        }
      }
    }
    await this.updatePreview(conversation, change);
    if (changed.length) this.outputs.onChanged?.(changed);
  }

  private async updatePreview(conversation: string, change: (message: CurrentMessage) => CurrentMessage): Promise<void> {
    const { cache } = this.state.current;
    const conversations = cache.conversations.map((c): Conversation => {
      if (c.id !== conversation || !c.last_message) return c;
      const last = change(c.last_message);
      return last === c.last_message ? c : { ...c, last_message: last };
    });
    if (conversations.some((c, i) => c !== cache.conversations[i])) await this.state.write({ cache: { ...cache, conversations } });
  }

  /** One user's messages are never shown to the next one signed in here. */
  private cacheOf(conversation: string, create: true): Map<number, CurrentMessage>;
  private cacheOf(conversation: string, create: false): Map<number, CurrentMessage> | undefined;
  private cacheOf(conversation: string, create: boolean): Map<number, CurrentMessage> | undefined {
    const user = this.state.current.session?.username ?? null;
    if (user !== this.owner) {
      this.byConversation.clear();
      this.owner = user;
    }
    let cached = this.byConversation.get(conversation);
    if (!cached && create) {
      cached = new Map();
      this.byConversation.set(conversation, cached);
    }
    return cached;
  }
}
