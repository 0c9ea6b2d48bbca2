/**
 * The browser extension's port protocol between its views (popup, side panel, options) and its
 * service worker. The worker owns the session and every server call; views render the snapshot it
 * pushes and ask it to act through typed requests.
 */
import type {
  AccountSettings,
  AccountSettingsRequest,
  AnnouncementResponse,
  Attachment,
  ChangePasswordRequest,
  ChatMessage,
  Conversation,
  ConversationSettings,
  ConversationSettingsRequest,
  CurrentMessage,
  CreateRoomRequest,
  DeleteAccountRequest,
  Ephemeral,
  HistoryQuery,
  HistoryResponse,
  LoginRequest,
  PresenceState,
  ReadStateResponse,
  RegisterRequest,
  RevisionsResponse,
  Room,
  SearchQuery,
  SearchResponse,
  ServerInfo,
  SessionsResponse,
} from './api';
import type { ErrorCode } from './errors';
import { isRoomId } from './limits';

/** `runtime.connect({ name })` of every view. */
export const UI_PORT_NAME = 'chatroom-ui';

/** The server address a fresh install talks to. */
export const DEFAULT_SERVER_URL = 'http://localhost:5003';

/** What a fresh install starts with. */
export const DEFAULT_EXTENSION_SETTINGS: ExtensionSettings = { serverUrl: DEFAULT_SERVER_URL, notifications: true };

/** The conversation id the extension files announcements under. */
export const ANNOUNCEMENTS_CONVERSATION = 'announcements';

export type ConnectionState = 'signed-out' | 'connecting' | 'online' | 'offline';

/** A message the user wrote that the server has not acknowledged yet. */
export interface PendingMessage {
  client_id: string;
  recipient: string;
  message: string;
  /** The id of the message it answers. */
  reply_to?: number;
  /**
   * Files uploaded already (their `id` is the upload id): only these small descriptions wait in
   * the outbox, never the bytes, which a view uploads before it sends (POST /uploads).
   */
  attachments?: Attachment[];
  /** ISO 8601. */
  created_at: string;
  /** Set when the server refused it for good; the user can discard it. */
  error?: UiError;
}

/**
 * What a view needs to upload and fetch files itself (see extension/src/ui/uploads.ts for why the
 * view, not the worker, does it): the server signed in to and the session's token.
 */
export interface FileAccess {
  serverUrl: string;
  token: string;
}

/** What the user asked to change about a message already sent: applied once, even across retries (client_id). */
export type MessageChange =
  | { kind: 'edit'; message: string }
  | { kind: 'delete' }
  | { kind: 'react'; emoji: string; add: boolean };

/** A change to a sent message that the server has not acknowledged yet (queued while it is away). */
export interface PendingChange {
  client_id: string;
  /** The message changed. */
  id: number;
  /** The conversation it belongs to. */
  conversation: string;
  change: MessageChange;
  /** ISO 8601. */
  created_at: string;
  /** Set when the server refused it for good; the user can discard it. */
  error?: UiError;
}

/**
 * The entry a change by `sender` becomes once the server has it, as the poll will deliver it (but
 * without an id of its own): what is folded in (applyChange) to show the change before that.
 */
export function changeEntry({ id, conversation, change, created_at }: Omit<PendingChange, 'client_id'>, sender: string): ChatMessage {
  // Sent by the user, so its recipient is the conversation (conversationOf).
  const entry = { id: 0, relates_to: id, sender, recipient: conversation, timestamp: created_at };
  switch (change.kind) {
    case 'edit':
      return { ...entry, kind: 'edit', message: change.message };
    case 'delete':
      return { ...entry, kind: 'delete', message: '' };
    case 'react':
      return { ...entry, kind: 'reaction', message: change.emoji, removed: !change.add };
  }
}

/** A message of the user's to change: one the server has (`id`) or one still in the outbox (`client_id`). */
export type MessageRef = { id: number; conversation: string } | { client_id: string };

export interface ExtensionSettings {
  serverUrl: string;
  /**
   * Desktop notifications: a message that asks for attention (attention.ts: the conversation's level
   * and mute) while its conversation is not on screen, announcements while no view is open; the
   * account's do-not-disturb holds them back as well.
   */
  notifications: boolean;
}

/** Everything a view renders, pushed whole by the worker whenever it changes. */
export interface WorkerSnapshot {
  settings: ExtensionSettings;
  username: string | null;
  connection: ConnectionState;
  /** Why the server is unreachable, in words, while `connection` is `offline`. */
  connectionError: string | null;
  /** Most recent first; `unread` and `mentions` reflect the worker's counts. */
  conversations: Conversation[];
  rooms: Room[];
  online: string[];
  /** Whether each online user is `active` or `away`. */
  presence: Record<string, PresenceState>;
  announcement: AnnouncementResponse | null;
  /** The user closed the banner of this very announcement; a new text shows again. */
  announcementDismissed: boolean;
  /** What the toolbar badge counts: the unread entries that ask for the user (attention.ts `badgeCount`). */
  totalUnread: number;
  outbox: PendingMessage[];
  /** Edits, deletes and reactions waiting for the server, oldest first. */
  pendingChanges: PendingChange[];
  /** A conversation a notification (its click or its Reply button) asked the next view to open. */
  requestedConversation: RequestedConversation | null;
  /** The account's do-not-disturb (ISO 8601): no desktop notifications until then; null when off. */
  dndUntil: string | null;
  /** A draft "Send to ChatRoom" asked the next view to put in a composer. */
  requestedDraft: RequestedDraft | null;
  /** What the user typed and has not sent, by conversation (kept across closing the view and the worker). */
  drafts: Record<string, string>;
}

/** A conversation to open, from outside the views (a notification). */
export interface RequestedConversation {
  conversation: string;
  /** Reply: the composer takes the focus. */
  compose: boolean;
}

/** Text for a conversation's composer, from outside the views (the context menu). */
export interface RequestedDraft {
  /** A new id for each request, so that asking twice for one conversation is two requests. */
  id: string;
  /** Null: the user chooses the conversation ("Choose…"). */
  conversation: string | null;
  text: string;
}

/** Each request a view may send, with its parameters and its result. */
export interface UiRequestMap {
  register: { params: RegisterRequest; result: null };
  /** With a password, or with a reset code and the new password. */
  login: { params: LoginRequest; result: null };
  logout: { params: null; result: null };
  refresh: { params: null; result: null };
  /** GET /history: the newest page, or the one before, after or around an id. */
  history: { params: HistoryQuery; result: HistoryResponse };
  /** `message` may be `""` when `attachments` (uploaded already) are given. */
  send: { params: { recipient: string; message: string; reply_to?: number; attachments?: Attachment[] }; result: PendingMessage };
  /** The server and token a view uploads files with and fetches them with (401 while signed out). */
  fileAccess: { params: null; result: FileAccess };
  /** Edits a sent message (queued while the server is away) or rewrites one still in the outbox. */
  editMessage: { params: { ref: MessageRef; message: string }; result: null };
  /** Deletes a sent message (queued while the server is away) or takes one out of the outbox. */
  deleteMessage: { params: { ref: MessageRef }; result: null };
  /** Adds or takes back the user's reaction (queued while the server is away). */
  react: { params: { id: number; conversation: string; emoji: string; add: boolean }; result: null };
  /** Every text a message has had, oldest first. */
  revisions: { params: { id: number }; result: RevisionsResponse };
  /** GET /search: full-text search over every message the user may read, newest first. */
  search: { params: SearchQuery; result: SearchResponse };
  discardPending: { params: { client_id: string }; result: null };
  /** The conversation this view shows (null: none); it is kept read while the view shows it. */
  viewConversation: { params: { conversation: string | null }; result: null };
  /** The view put the requested draft in a composer (or the user dismissed it): no other view takes it. */
  draftTaken: { params: { id: string }; result: null };
  /** What the user has typed in a conversation's composer so far (`""`: nothing, the draft goes). */
  saveDraft: { params: { conversation: string; text: string }; result: null };
  /** The user closed the banner of the announcement with this text (kept until the text changes). */
  dismissAnnouncement: { params: { announcement: string }; result: null };
  /**
   * POST /unread from `from_id` on (left out: from the newest message of someone else). The view
   * asking stops showing the conversation, so that it is not read again at once.
   */
  markUnread: { params: { conversation: string; from_id?: number }; result: null };
  /** GET /conversations/{id}/read-state: how far the other members have read. */
  readState: { params: { conversation: string }; result: ReadStateResponse };
  /** The user types in a conversation (renewed at most every LIMITS.typingRenewSeconds), or stopped. */
  typing: { params: { conversation: string; typing: boolean }; result: null };
  createRoom: { params: CreateRoomRequest; result: Room };
  leaveRoom: { params: { room_id: string }; result: null };
  addMember: { params: { room_id: string; username: string }; result: Room };
  removeMember: { params: { room_id: string; username: string }; result: Room };
  renameRoom: { params: { room_id: string; name: string }; result: Room };
  saveSettings: { params: Partial<ExtensionSettings>; result: ExtensionSettings };
  /** PUT /conversations/{id}/settings: the conversation's notification level and mute, for all the user's sessions. */
  conversationSettings: { params: { conversation: string } & ConversationSettingsRequest; result: ConversationSettings };
  /** GET /me/settings: do-not-disturb and the privacy switches. */
  accountSettings: { params: null; result: AccountSettings };
  /** PUT /me/settings: fields left out keep their values. */
  saveAccountSettings: { params: AccountSettingsRequest; result: AccountSettings };
  /** The server's GET /server-info, asked before anyone signs in (which register form to show). */
  serverInfo: { params: null; result: ServerInfo };
  changePassword: { params: ChangePasswordRequest; result: null };
  sessions: { params: null; result: SessionsResponse };
  endSession: { params: { id: string }; result: null };
  /** GET /me/export as the JSON text the server sent, for the view to save as a file. */
  exportAccount: { params: null; result: { text: string } };
  /** Ends the session here too once the server has deleted the account. */
  deleteAccount: { params: DeleteAccountRequest; result: null };
}
export type UiRequestMethod = keyof UiRequestMap;

/**
 * The error a failed request answers with. `code` is the server's when it gave a known one (an
 * unknown one is mapped to the nearest known code); `unavailable` also stands for an unreachable
 * server. Views choose their words by `code`; `message` is the server's, or the worker's, in words.
 */
export interface UiError {
  code: ErrorCode;
  message: string;
  field?: string;
}

export type UiToWorker = {
  [M in UiRequestMethod]: { kind: 'request'; id: number; method: M; params: UiRequestMap[M]['params'] };
}[UiRequestMethod];

export type WorkerToUi =
  | { kind: 'response'; id: number; ok: true; result: unknown }
  | { kind: 'response'; id: number; ok: false; error: UiError }
  | { kind: 'snapshot'; snapshot: WorkerSnapshot }
  /** Messages that arrived (poll) or were accepted (send), oldest first. */
  | { kind: 'messages'; messages: ChatMessage[] }
  /** Messages an edit, delete or reaction changed, in their new current state. */
  | { kind: 'changed'; messages: CurrentMessage[] }
  /** Read markers and typing states of others, as a poll delivered them (never replayed). */
  | { kind: 'ephemeral'; items: Ephemeral[] };

/** Everything a view shows while nobody is signed in: needs no server and no worker state beyond the settings. */
export function signedOutSnapshot(settings: ExtensionSettings, connectionError: string | null = null): WorkerSnapshot {
  return {
    settings,
    username: null,
    connection: 'signed-out',
    connectionError,
    conversations: [],
    rooms: [],
    online: [],
    presence: {},
    announcement: null,
    announcementDismissed: false,
    totalUnread: 0,
    outbox: [],
    pendingChanges: [],
    requestedConversation: null,
    dndUntil: null,
    requestedDraft: null,
    drafts: {},
  };
}

/**
 * Whether two conversation ids name the same conversation. Usernames are unique ignoring case (the
 * server answers `BOB` for `bob`), and room ids are always spelt `room_N`.
 */
export function sameConversation(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The conversation a delivered message belongs to, from the point of view of `me`. */
export function conversationOf(message: ChatMessage, me: string): string {
  if (isRoomId(message.recipient)) return message.recipient;
  if (message.kind === 'announcement') return ANNOUNCEMENTS_CONVERSATION;
  return message.sender === me ? message.recipient : message.sender;
}
