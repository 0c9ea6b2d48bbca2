import { badgeCount, ConnectionState, Conversation, DEFAULT_NOTIFY_LEVEL, Ephemeral, signedOutSnapshot, WorkerSnapshot } from '@chatroom/shared';
import { BadgeEntry, BadgeLook, badgeLook } from './badge';
import { Clock, realClock } from './clock';
import { draftTexts } from './drafts';
import type { StateStore } from './state';

export interface ViewOutputs {
  setBadge?: (look: BadgeLook) => void | Promise<void>;
  onSnapshot?: (snapshot: WorkerSnapshot) => void;
  /** Read markers and typing states of others, passed on as the poll delivered them. */
  onEphemeral?: (items: Ephemeral[]) => void;
}

const EPHEMERAL_TYPES: ReadonlySet<string> = new Set<Ephemeral['type']>(['read', 'typing']);

/**
 * The open views and what they are told: the conversation each shows, the connection as the poll
 * loop last found it, the snapshot and the badge. Only the stored state survives the worker; views
 * disconnect when it stops and announce themselves again to the next one.
 */
export class Views {
  /** View id -> the conversation it shows, as the view named it (null: none). */
  private readonly shown = new Map<string, string | null>();
  private connection: ConnectionState = 'signed-out';
  private connectionError: string | null = null;

  constructor(
    private readonly state: StateStore,
    private readonly outputs: ViewOutputs,
    private readonly clock: Clock = realClock,
  ) {}

  attach(viewId: string): void {
    this.shown.set(viewId, null);
  }

  detach(viewId: string): void {
    this.shown.delete(viewId);
  }

  show(viewId: string, conversation: string | null): void {
    this.shown.set(viewId, conversation);
  }

  /** Whether view `viewId` shows the conversation (under the server's spelling). */
  shows(viewId: string, conversation: string): boolean {
    const viewed = this.shown.get(viewId);
    return viewed !== null && viewed !== undefined && this.state.canonical(viewed) === conversation;
  }

  /** Whether someone looks at ChatRoom at all; announcements notify only when nobody does. */
  get anyOpen(): boolean {
    return this.shown.size > 0;
  }

  /** Compared under the server's spelling: a view may have named it before that was known. */
  isViewed(conversation: string): boolean {
    for (const viewed of this.shown.values()) {
      if (viewed !== null && this.state.canonical(viewed) === conversation) return true;
    }
    return false;
  }

  setConnection(connection: ConnectionState, error: string | null): void {
    if (this.connection === connection && this.connectionError === error) return;
    this.connection = connection;
    this.connectionError = error;
    this.publish();
  }

  snapshot(): WorkerSnapshot {
    const { settings, session, sync, cache, outbox, changes, requestedConversation, requestedDraft, drafts, dismissedAnnouncement } = this.state.current;
    if (!session) return signedOutSnapshot(settings, this.connectionError);
    return {
      settings,
      username: session.username,
      connection: this.connection,
      connectionError: this.connectionError,
      // A marker read here but not yet acknowledged is where the user stopped reading all the same.
      conversations: cache.conversations.map(
        (c): Conversation => ({
          ...c,
          unread: sync.unread[c.id] ?? 0,
          mentions: sync.mentions[c.id] ?? 0,
          last_read_id: Math.max(c.last_read_id, sync.pendingReads[c.id] ?? 0),
        }),
      ),
      rooms: cache.rooms,
      online: cache.online,
      presence: cache.presence ?? {},
      announcement: cache.announcement,
      announcementDismissed: cache.announcement !== null && cache.announcement.announcement === dismissedAnnouncement,
      totalUnread: this.totalUnread(),
      outbox,
      pendingChanges: changes,
      requestedConversation,
      dndUntil: cache.dndUntil ?? null,
      requestedDraft,
      drafts: draftTexts(drafts),
    };
  }

  publish(): void {
    this.outputs.onSnapshot?.(this.snapshot());
  }

  /** Passes on the ephemeral items of a poll; types this version does not know are left out. */
  tell(items: Ephemeral[] | undefined): void {
    const known = (items ?? []).filter((item) => EPHEMERAL_TYPES.has(item.type));
    if (known.length) this.outputs.onEphemeral?.(known);
  }

  /** The badge as the counts, levels and mutes stand now; a mute that ended since counts again. */
  async updateBadge(): Promise<void> {
    await this.outputs.setBadge?.(badgeLook(this.badgeEntries(), this.clock.now()));
  }

  /** Each conversation with unread messages or mentions, under its level and mute (the default for one not listed yet). */
  private badgeEntries(): BadgeEntry[] {
    const { sync, cache } = this.state.current;
    // In the list's order (most recent first), then any the list does not have yet.
    const ids = [...new Set([...cache.conversations.map((c) => c.id), ...Object.keys(sync.unread), ...Object.keys(sync.mentions)])];
    return ids
      .filter((id) => sync.unread[id] || sync.mentions[id])
      .map((id) => {
        const known = cache.conversations.find((c) => c.id === id);
        return {
          name: known?.name ?? id,
          unread: sync.unread[id] ?? 0,
          mentions: sync.mentions[id] ?? 0,
          notify: known?.notify ?? DEFAULT_NOTIFY_LEVEL,
          muted_until: known?.muted_until ?? null,
        };
      });
  }

  /** The badge's number, for the views' header. */
  private totalUnread(): number {
    const now = this.clock.now();
    return this.badgeEntries().reduce((sum, entry) => sum + badgeCount(entry, now), 0);
  }
}
