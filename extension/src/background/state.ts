import {
  AnnouncementResponse,
  ErrorCode,
  AuthResponse,
  Conversation,
  DEFAULT_EXTENSION_SETTINGS,
  ExtensionSettings,
  PendingChange,
  PendingMessage,
  PresenceState,
  RequestedConversation,
  RequestedDraft,
  Room,
} from '@chatroom/shared';
import type { KeyValueStore } from '../platform/page-api';
import { canonicalIn, newSpellings, Spellings } from './spellings';

export type Session = AuthResponse;

/** Where the poll loop stands; written after every poll so a restarted worker resumes exactly. */
export interface SyncState {
  /** The `last_id` to ask `/messages` from; null until the first sync after logging in. */
  lastId: number | null;
  /** Messages up to this id are already in the server's unread counts, so they are not counted again. */
  countedThrough: number;
  unread: Record<string, number>;
  /** Of those, the ones that mention the user (replies to them included): all that counts under `mentions`. */
  mentions: Record<string, number>;
  /** Read markers (conversation -> last read id) the server has not acknowledged yet: sent when it is back. */
  pendingReads: Record<string, number>;
}

/** What the server last said, kept so a view shows something at once after a worker restart. */
export interface ServerCache {
  conversations: Conversation[];
  rooms: Room[];
  online: string[];
  /** Who of them is away; absent in a cache stored before presence existed. */
  presence?: Record<string, PresenceState>;
  announcement: AnnouncementResponse | null;
  /** The account's do-not-disturb (ISO 8601): no desktop notifications until then; absent in an older cache. */
  dndUntil?: string | null;
}

export interface PersistedState {
  settings: ExtensionSettings;
  session: Session | null;
  sync: SyncState;
  cache: ServerCache;
  outbox: PendingMessage[];
  /** Edits, deletes and reactions the server has not acknowledged yet, oldest first. */
  changes: PendingChange[];
  requestedConversation: RequestedConversation | null;
  /** Kept across signing in: a page shared while signed out waits for the user to choose a conversation. */
  requestedDraft: RequestedDraft | null;
  /** How the server spells each name it mentioned: names are unique ignoring case. */
  spellings: Spellings;
  /** What the user typed and has not sent, by conversation (see Drafts). */
  drafts: Record<string, StoredDraft>;
  /** The text of the announcement whose banner the user closed (null: none). */
  dismissedAnnouncement: string | null;
}

export interface StoredDraft {
  text: string;
  /** When it was last typed in, in milliseconds since the epoch. */
  updatedAt: number;
}

export type StateKey = keyof PersistedState;
export const STATE_KEYS: StateKey[] = ['settings', 'session', 'sync', 'cache', 'outbox', 'requestedConversation', 'spellings', 'changes', 'requestedDraft', 'drafts', 'dismissedAnnouncement'];

export const emptySync = (): SyncState => ({ lastId: null, countedThrough: 0, unread: {}, mentions: {}, pendingReads: {} });
export const emptyCache = (): ServerCache => ({ conversations: [], rooms: [], online: [], announcement: null });

/** Everything that belongs to one signed-in user, as it is before their first sync. */
export const freshUserState = (): Omit<PersistedState, 'settings' | 'session' | 'requestedDraft'> => ({
  sync: emptySync(),
  cache: emptyCache(),
  outbox: [],
  changes: [],
  requestedConversation: null,
  spellings: {},
  drafts: {},
  dismissedAnnouncement: null,
});

/**
 * The worker's state that must survive the worker being stopped: read from storage once at start,
 * and written through to it on every change, so a new worker over the same storage resumes exactly.
 * A write updates the state here before it awaits storage, so a reader never sees it half done.
 */
export class StateStore {
  private state: PersistedState | null = null;

  constructor(private readonly store: KeyValueStore) {}

  async load(): Promise<void> {
    const stored = (await this.store.get(STATE_KEYS)) as Partial<PersistedState>;
    this.state = {
      settings: { ...DEFAULT_EXTENSION_SETTINGS, ...stored.settings },
      session: stored.session ?? null,
      // Filled in field by field: a version of the extension before an update may have stored fewer.
      sync: { ...emptySync(), ...stored.sync },
      cache: stored.cache ?? emptyCache(),
      outbox: (stored.outbox ?? []).map(withErrorCode),
      changes: stored.changes ?? [],
      requestedConversation: requestedIn(stored.requestedConversation),
      requestedDraft: stored.requestedDraft ?? null,
      spellings: stored.spellings ?? {},
      drafts: stored.drafts ?? {},
      dismissedAnnouncement: stored.dismissedAnnouncement ?? null,
    };
  }

  /** The state; only read after `load()` has finished (every entry point of the worker awaits it). */
  get current(): PersistedState {
    if (!this.state) throw new Error('The worker state was read before it was loaded.');
    return this.state;
  }

  async write(changes: Partial<PersistedState>): Promise<void> {
    Object.assign(this.current, changes);
    await this.store.set(changes);
  }

  /** The server's spelling of a conversation id given in any case. */
  canonical(conversation: string): string {
    return canonicalIn(this.current.spellings, conversation);
  }

  /** Remembers how the server spelt the names it mentioned. */
  async learn(names: Iterable<string>): Promise<void> {
    const added = newSpellings(this.current.spellings, names);
    if (added) await this.write({ spellings: { ...this.current.spellings, ...added } });
  }
}

/** Versions before the Reply button stored the conversation's id alone. */
function requestedIn(stored: RequestedConversation | string | null | undefined): RequestedConversation | null {
  if (typeof stored === 'string') return { conversation: stored, compose: false };
  return stored ?? null;
}

/** Versions before error codes stored a refused message's error as words only. */
function withErrorCode(item: PendingMessage): PendingMessage {
  const error: unknown = item.error;
  return typeof error === 'string' ? { ...item, error: { code: ErrorCode.Internal, message: error } } : item;
}
