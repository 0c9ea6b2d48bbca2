import { ChatMessage, Conversation, CurrentMessage, excerptOf, Reaction } from '@chatroom/shared';
import type { StateStore } from './state';

export interface LiveMessagesOutputs {
  /** Messages an edit, delete or reaction changed, in their new state. */
  onChanged?: (messages: CurrentMessage[]) => void;
}

/** The most messages kept per conversation; views hold what they show themselves, this only keeps them current. */
const MAX_PER_CONVERSATION = 2_000;

/** A message after one edit, delete or reaction entry that relates to it; a deleted message stays as it is. */
export function applyChange(message: CurrentMessage, entry: ChatMessage): CurrentMessage {
  if (message.deleted || entry.relates_to !== message.id) return message;
  switch (entry.kind) {
    case 'edit':
      return {
        ...message,
        message: entry.message,
        edited_at: entry.timestamp,
        // As the server resolved them: it counts the author of the message answered (unless that is the sender).
        mentions: entry.mentions ?? message.mentions,
      };
    case 'delete':
      return { ...message, message: '', deleted: true, reactions: [], mentions: [] };
    case 'reaction':
      return { ...message, reactions: toggleReaction(message.reactions, entry.message, entry.sender, !entry.removed) };
    case 'message':
    case 'event':
    case 'announcement':
      return message;
  }
}

/** Reactions with `user`'s `emoji` added or taken back; an emoji nobody has any more goes. */
export function toggleReaction(reactions: Reaction[], emoji: string, user: string, add: boolean): Reaction[] {
  const existing = reactions.find((r) => r.emoji === emoji);
  if (add) {
    if (!existing) return [...reactions, { emoji, users: [user] }];
    if (existing.users.includes(user)) return reactions;
    return reactions.map((r) => (r === existing ? { emoji, users: [...r.users, user] } : r));
  }
  if (!existing?.users.includes(user)) return reactions;
  const users = existing.users.filter((u) => u !== user);
  return users.length ? reactions.map((r) => (r === existing ? { emoji, users } : r)) : reactions.filter((r) => r !== existing);
}

/** A reply's quote as its original now reads; other messages unchanged. */
export function withReplyPreview(message: CurrentMessage, original: CurrentMessage): CurrentMessage {
  if (message.reply_to?.id !== original.id) return message;
  const excerpt = original.deleted ? '' : excerptOf(original.message);
  if (message.reply_to.excerpt === excerpt && message.reply_to.deleted === original.deleted) return message;
  return { ...message, reply_to: { ...message.reply_to, excerpt, deleted: original.deleted } };
}

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
