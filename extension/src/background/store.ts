import type {
  AnnouncementResponse,
  AuthResponse,
  Conversation,
  ExtensionSettings,
  PendingMessage,
  Room,
} from '@chatroom/shared';

/** The part of `storage.local` the worker needs; a Map-backed one stands in for it in tests. */
export interface KeyValueStore {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export type Session = AuthResponse;

/** Where the poll loop stands; written after every poll so a restarted worker resumes exactly. */
export interface SyncState {
  /** The `last_id` to ask `/messages` from; null until the first sync after logging in. */
  lastId: number | null;
  /** Messages up to this id are already in the server's unread counts, so they are not counted again. */
  countedThrough: number;
  unread: Record<string, number>;
  /** Read markers (conversation -> last read id) the server has not acknowledged yet: sent when it is back. */
  pendingReads: Record<string, number>;
}

/** What the server last said, kept so a view shows something at once after a worker restart. */
export interface ServerCache {
  conversations: Conversation[];
  rooms: Room[];
  online: string[];
  announcement: AnnouncementResponse | null;
}

export interface PersistedState {
  settings: ExtensionSettings;
  session: Session | null;
  sync: SyncState;
  cache: ServerCache;
  outbox: PendingMessage[];
  requestedConversation: string | null;
  /** How the server spells each name it mentioned (lower-cased name -> spelling): names are unique ignoring case. */
  spellings: Record<string, string>;
}

export type StateKey = keyof PersistedState;
export const STATE_KEYS: StateKey[] = ['settings', 'session', 'sync', 'cache', 'outbox', 'requestedConversation', 'spellings'];

export const emptySync = (): SyncState => ({ lastId: null, countedThrough: 0, unread: {}, pendingReads: {} });
export const emptyCache = (): ServerCache => ({ conversations: [], rooms: [], online: [], announcement: null });
