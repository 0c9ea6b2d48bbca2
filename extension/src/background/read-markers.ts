import { sameConversation } from '@chatroom/shared';
import type { ApiFor } from './api-client';
import { isTransient, isUnauthenticated } from './server-errors';
import type { Notifier } from './notifier';
import type { StateStore } from './state';
import type { Views } from './views';

/**
 * Read markers: a conversation read here counts as read at once (its notification goes too), and its
 * marker is queued in storage until the server has it, so one made while the server is away (or
 * before a worker stop) is not lost.
 */
export class ReadMarkers {
  private readonly watches = new Set<Map<string, number>>();

  constructor(
    private readonly state: StateStore,
    private readonly views: Views,
    private readonly api: ApiFor,
    private readonly notifier: Notifier,
  ) {}

  /** Counts the conversation read here at once, and queues its read marker for the server. */
  async markRead(conversation: string): Promise<void> {
    const { sync, cache } = this.state.current;
    const known = cache.conversations.find((c) => c.id === conversation);
    const lastMessageId = known?.last_message?.id ?? 0;
    const newMarker = lastMessageId > Math.max(known?.last_read_id ?? 0, sync.pendingReads[conversation] ?? 0);
    if (!sync.unread[conversation] && !sync.mentions[conversation] && !newMarker) return;
    const { [conversation]: _read, ...unread } = sync.unread;
    const { [conversation]: _mentions, ...mentions } = sync.mentions;
    const pendingReads = newMarker ? { ...sync.pendingReads, [conversation]: lastMessageId } : sync.pendingReads;
    if (newMarker) for (const markers of this.watches) markers.set(conversation, lastMessageId);
    await this.state.write({ sync: { ...sync, unread, mentions, pendingReads } });
    void this.notifier.cleared(conversation);
    await this.views.updateBadge();
    this.views.publish();
    if (newMarker) await this.send();
  }

  /**
   * Moves the read marker back so that `fromId` and what follows is unread again (POST /unread), and
   * counts the conversation so here at once. Without `fromId`: from the newest message of someone
   * else, so that a conversation where the user wrote last still shows unread.
   */
  async markUnread(conversation: string, fromId?: number): Promise<void> {
    const from = fromId ?? (await this.newestFromOthers(conversation));
    if (from === null) return;
    const answer = await this.api().markUnread(conversation, from);
    const { sync, cache } = this.state.current;
    // A marker read here and still queued would read it all again when it reaches the server.
    const { [conversation]: _queued, ...pendingReads } = sync.pendingReads;
    for (const markers of this.watches) markers.delete(conversation);
    const { [conversation]: _counted, ...others } = sync.unread;
    const unread = answer.unread > 0 ? { ...others, [conversation]: answer.unread } : others;
    const { [conversation]: _mentioned, ...otherMentions } = sync.mentions;
    const mentions = answer.mentions > 0 ? { ...otherMentions, [conversation]: answer.mentions } : otherMentions;
    const conversations = cache.conversations.map((c) =>
      c.id === conversation ? { ...c, unread: answer.unread, mentions: answer.mentions, last_read_id: answer.last_read_id } : c,
    );
    await this.state.write({ sync: { ...sync, unread, mentions, pendingReads }, cache: { ...cache, conversations } });
    await this.views.updateBadge();
    this.views.publish();
  }

  /** The newest message of someone else in the newest page of the conversation (else its newest entry). */
  private async newestFromOthers(conversation: string): Promise<number | null> {
    const me = this.state.current.session?.username ?? '';
    const { messages } = await this.api().history({ with: conversation });
    const fromOthers = messages.filter((m) => m.kind === 'message' && !m.deleted && !sameConversation(m.sender, me));
    return (fromOthers.at(-1) ?? messages.at(-1))?.id ?? null;
  }

  /**
   * Collects the markers queued now or from now on until `stop`: counts the server answers meanwhile
   * may predate them even after it has taken them, and must not make those conversations unread again.
   */
  watch(): { markers: ReadonlyMap<string, number>; stop(): void } {
    const markers = new Map(Object.entries(this.state.current.sync.pendingReads));
    this.watches.add(markers);
    return { markers, stop: () => this.watches.delete(markers) };
  }

  /**
   * Sends the queued read markers. One the server cannot take now stays queued for the next resync;
   * one it refuses for good is dropped.
   */
  async send(): Promise<void> {
    for (const [conversation, lastReadId] of Object.entries(this.state.current.sync.pendingReads)) {
      if (!this.state.current.session) return;
      let accepted = true;
      try {
        await this.api().read(conversation, lastReadId);
      } catch (error) {
        if (isTransient(error) || isUnauthenticated(error)) return;
        accepted = false;
      }
      const { sync, cache } = this.state.current;
      // A later marker for the same conversation may have been queued while this one was on its way.
      const { [conversation]: queued, ...rest } = sync.pendingReads;
      const pendingReads = queued !== undefined && queued > lastReadId ? sync.pendingReads : rest;
      const conversations = accepted
        ? cache.conversations.map((c) =>
            c.id === conversation ? { ...c, unread: 0, mentions: 0, last_read_id: Math.max(c.last_read_id, lastReadId) } : c,
          )
        : cache.conversations;
      await this.state.write({ sync: { ...sync, pendingReads }, cache: { ...cache, conversations } });
    }
  }
}
