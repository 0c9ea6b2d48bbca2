import { ConnectionState, Conversation, signedOutSnapshot, WorkerSnapshot } from '@chatroom/shared';
import { badgeText } from './badge';
import type { StateStore } from './state';

export interface ViewOutputs {
  setBadge?: (text: string) => void | Promise<void>;
  onSnapshot?: (snapshot: WorkerSnapshot) => void;
}

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
    const { settings, session, sync, cache, outbox, changes, requestedConversation, requestedDraft } = this.state.current;
    if (!session) return signedOutSnapshot(settings, this.connectionError);
    return {
      settings,
      username: session.username,
      connection: this.connection,
      connectionError: this.connectionError,
      conversations: cache.conversations.map((c): Conversation => ({ ...c, unread: sync.unread[c.id] ?? 0 })),
      rooms: cache.rooms,
      online: cache.online,
      presence: cache.presence ?? {},
      announcement: cache.announcement,
      totalUnread: this.totalUnread(),
      outbox,
      pendingChanges: changes,
      requestedConversation,
      requestedDraft,
    };
  }

  publish(): void {
    this.outputs.onSnapshot?.(this.snapshot());
  }

  async updateBadge(): Promise<void> {
    await this.outputs.setBadge?.(badgeText(this.totalUnread()));
  }

  private totalUnread(): number {
    return Object.values(this.state.current.sync.unread).reduce((sum, n) => sum + n, 0);
  }
}
