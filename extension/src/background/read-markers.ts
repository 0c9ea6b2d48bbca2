import { isTransient, isUnauthenticated, type ApiFor } from './api-client';
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
