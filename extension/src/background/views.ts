import { ConnectionState, Conversation, Ephemeral, signedOutSnapshot, WorkerSnapshot } from '@chatroom/shared';
import { badgeText } from './badge';
import { draftTexts } from './drafts';
import type { StateStore } from './state';

export interface ViewOutputs {
  setBadge?: (text: string) => void | Promise<void>;
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

  /** Whether someone looks at ChatRoom at all; desktop notifications are for when nobody does. */
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
    const { settings, session, sync, cache, outbox, changes, requestedConversation, requestedDraft, drafts } = this.state.current;
    if (!session) return signedOutSnapshot(settings, this.connectionError);
    return {
      settings,
      username: session.username,
      connection: this.connection,
      connectionError: this.connectionError,
      // A marker read here but not yet acknowledged is where the user stopped reading all the same.
      conversations: cache.conversations.map(
        (c): Conversation => ({ ...c, unread: sync.unread[c.id] ?? 0, last_read_id: Math.max(c.last_read_id, sync.pendingReads[c.id] ?? 0) }),
      ),
      rooms: cache.rooms,
      online: cache.online,
      presence: cache.presence ?? {},
      announcement: cache.announcement,
      totalUnread: this.totalUnread(),
      outbox,
      pendingChanges: changes,
      requestedConversation,
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

  async updateBadge(): Promise<void> {
    await this.outputs.setBadge?.(badgeText(this.totalUnread()));
  }

  private totalUnread(): number {
    return Object.values(this.state.current.sync.unread).reduce((sum, n) => sum + n, 0);
  }
}
