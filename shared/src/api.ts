/** Request and response bodies of the HTTP API (JSON). */
import type { NotifyLevel } from './attention';

/**
 * What a timeline entry is. People read `message`, `event` (room changes) and `announcement`;
 * `edit`, `delete` and `reaction` change an earlier message (`relates_to`) and are folded into it
 * wherever messages are shown in their current state. A client ignores kinds it does not know.
 */
export type MessageKind = 'message' | 'event' | 'announcement' | 'edit' | 'delete' | 'reaction';
/** The kinds that change an earlier message rather than say something new. */
export type RelationKind = Extract<MessageKind, 'edit' | 'delete' | 'reaction'>;

/** The message a reply answers, as it is when read: a later edit or delete of it shows. */
export interface ReplyPreview {
  id: number;
  sender: string;
  /** Its first LIMITS.excerptMax characters; `""` once it is deleted. */
  excerpt: string;
  deleted: boolean;
}

/** One emoji on a message and who put it there, in the order they did. */
export interface Reaction {
  emoji: string;
  users: string[];
}

/**
 * One timeline entry, as /send and /messages return it: what happened at its id. Entries never
 * change afterwards, except that deleting a message erases its text (and its edits' texts) and
 * the excerpts of replies to it follow the original.
 */
export interface ChatMessage {
  id: number;
  kind: MessageKind;
  /** Who wrote it; of an edit, delete or reaction, who made that change. */
  sender: string;
  /** A username (direct message), a room id (`room_1`), or `*` (announcement to everyone). */
  recipient: string;
  /** The text; of an edit its new text, of a delete `""`, of a reaction the emoji. */
  message: string;
  /** ISO 8601, UTC. */
  timestamp: string;
  client_id?: string | null;
  /** `edit`, `delete`, `reaction`: the id of the message changed. */
  relates_to?: number;
  /** `reaction`: true when the sender took the emoji back. */
  removed?: boolean;
  /** `message`: the message it answers, or null. */
  reply_to?: ReplyPreview | null;
  /** `message`, `edit`: the users the text mentions (registered spellings). */
  mentions?: string[];
  /** `edit`: the users this edit mentions for the first time: only they are notified of it. */
  new_mentions?: string[];
  /** `message`: its files, in the order sent (`[]` for none, and once it is deleted). */
  attachments?: Attachment[];
}

/**
 * A file a message carries, fetched with `GET /uploads/{id}/{name}` (ROUTES.upload). `mime` is
 * what the file's first bytes show it to be (`application/octet-stream` when they show nothing
 * known), never what the uploader said.
 */
export interface Attachment {
  id: string;
  /** The file name the uploader gave (X-Filename). */
  name: string;
  /** In bytes. */
  size: number;
  mime: string;
  /** Of an image whose size its header tells: in pixels. */
  width?: number;
  height?: number;
}

/** POST /uploads: the body is the file itself; its name goes in `X-Filename`, percent-encoded. */
export interface UploadResponse {
  /** Pass it in `attachments` of one /send within 24 hours; an upload never sent is removed then. */
  upload_id: string;
  name: string;
  size: number;
  mime: string;
  width?: number;
  height?: number;
}

/**
 * A message in its current state, with every edit, delete and reaction folded in, as /history,
 * /conversations (`last_message`), GET /messages/{id}, PATCH and the reaction routes return it.
 */
export interface CurrentMessage extends ChatMessage {
  /** The current text (`""` once deleted). */
  message: string;
  /** When it was last edited; null if never. */
  edited_at: string | null;
  deleted: boolean;
  /** In the order each emoji was first used; none once deleted. */
  reactions: Reaction[];
  reply_to: ReplyPreview | null;
  /** Who the current text mentions, and the author of the message it replies to. */
  mentions: string[];
}

export interface Credentials {
  username: string;
  password: string;
}
export interface RegisterRequest extends Credentials {
  /** Required when the server's `registration` is `invite` (GET /server-info); ignored otherwise. */
  invite?: string;
}
/** Signs in with a one-time reset code (from `npm run admin -- reset-password`) and sets a new password. */
export interface ResetCodeLoginRequest {
  username: string;
  reset_code: string;
  new_password: string;
}
export type LoginRequest = Credentials | ResetCodeLoginRequest;
export interface AuthResponse {
  username: string;
  token: string;
  /** ISO 8601 expiry of the token. */
  expires_at: string;
}

export interface LogoutRequest {
  username?: string;
}

/** `away`: the user's browser has had no input for a while, or its screen is locked. */
export const PRESENCE_STATES = ['active', 'away'] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number];
export interface OnlineResponse {
  /** Who is online, sorted. */
  users: string[];
  /** Each online user's state: `active` unless their browser said `away`. */
  presence: Record<string, PresenceState>;
}
export interface PresenceRequest {
  state: PresenceState;
}

export interface SendRequest {
  recipient: string;
  /** May be `""` when the message carries attachments. */
  message: string;
  client_id?: string;
  sender?: string;
  /** The id of a message of the same conversation this one answers. */
  reply_to?: number;
  /** `upload_id`s of your own uploads, each sent once: at most LIMITS.attachmentsMax. */
  attachments?: string[];
}
export type SendResponse = ChatMessage;

export interface MessagesQuery {
  last_id?: number;
  timeout?: number;
  limit?: number;
  username?: string;
}
export interface MessagesResponse {
  messages: ChatMessage[];
  last_id: number;
  /**
   * News that is not part of the timeline (no id, never replayed): present only when there is
   * some. A client that does not know a type ignores it.
   */
  ephemeral?: Ephemeral[];
}

/**
 * Someone else's read marker moved in one of your conversations (`conversation` as you name it:
 * the other user in a DM, `room_N` in a room). Only from those who share read receipts.
 */
export interface ReadEphemeral {
  type: 'read';
  conversation: string;
  user: string;
  last_read_id: number;
}

/** Everyone typing in one of your conversations now, you left out; it replaces the previous list. */
export interface TypingEphemeral {
  type: 'typing';
  conversation: string;
  users: string[];
}

export type Ephemeral = ReadEphemeral | TypingEphemeral;

/** GET /conversations/{id}/read-state: the other members' read markers, by user. */
export interface ReadStateResponse {
  markers: Record<string, number>;
}

/** POST /typing. */
export interface TypingRequest {
  conversation: string;
  typing: boolean;
}

export interface HistoryQuery {
  with: string;
  /** The newest page before this id (the default: the newest page). */
  before?: number;
  /** The oldest page after this id. */
  after?: number;
  /** A page centred where this id falls: about half older than it, the rest from it on. */
  around?: number;
  limit?: number;
}
export interface HistoryResponse {
  /** Messages, events and announcements in their current state (edits, deletes and reactions folded in). */
  messages: CurrentMessage[];
  /** True when older messages remain before the first one returned. */
  has_more: boolean;
  /** True when newer messages remain after the last one returned. */
  has_more_after: boolean;
}

/** GET /search: every term of `q` must match (see search-query.ts for the language). */
export interface SearchQuery {
  q: string;
  /** Only in this conversation: a username (DM) or a room id. */
  with?: string;
  /** Only messages by this user. */
  from?: string;
  /** Only messages older than this id: `next_before` of the page before. */
  before?: number;
  limit?: number;
}
/** The conversation a search result is in, named as the searcher sees it. */
export interface SearchConversation {
  /** The other user's name for a DM, the room id for a room, `*` for announcements. */
  id: string;
  type: 'dm' | 'room' | 'announcement';
  name: string;
}
export interface SearchResult {
  /** In its current state, as the searcher may see it (a room they left: as it was when they left). */
  message: CurrentMessage;
  conversation: SearchConversation;
}
export interface SearchResponse {
  /** Newest first. */
  results: SearchResult[];
  /** Pass as `before` for the next (older) page; null when there is none. */
  next_before: number | null;
}

export interface CreateRoomRequest {
  participants: string[];
  name?: string;
  admin?: string;
}
export interface Room {
  room_id: string;
  name: string;
  admin: string;
  /** Current members, longest-standing first. */
  participants: string[];
}
export type CreateRoomResponse = Room;
export interface RoomsResponse {
  rooms: Room[];
}
export interface LeaveRoomRequest {
  room_id: string;
  username?: string;
}
export interface AddMemberRequest {
  username: string;
}
export interface RenameRoomRequest {
  name: string;
}

export interface Conversation {
  /** The other user's name for a DM, the room id for a room. */
  id: string;
  type: 'dm' | 'room';
  /** The other user's name, or the room's name. */
  name: string;
  /** The newest message, event or announcement, in its current state. */
  last_message: CurrentMessage | null;
  unread: number;
  /** Unread messages and edits that mention you. */
  mentions: number;
  last_read_id: number;
  /** Your notification level here (default `all`); see attention.ts. */
  notify: NotifyLevel;
  /** ISO 8601: muted (as `none`) until then; null when not muted. */
  muted_until: string | null;
}
export interface ConversationsResponse {
  conversations: Conversation[];
}
export interface ReadRequest {
  conversation: string;
  last_read_id: number;
}
export interface ReadResponse {
  conversation: string;
  last_read_id: number;
  unread: number;
  mentions: number;
}
/** POST /unread: moves your read marker back so that `from_id` and everything after it is unread. */
export interface MarkUnreadRequest {
  conversation: string;
  from_id: number;
}
/** PUT /conversations/{id}/settings: each field left out keeps its value. */
export interface ConversationSettingsRequest {
  notify?: NotifyLevel;
  muted_until?: string | null;
}
export interface ConversationSettings {
  notify: NotifyLevel;
  muted_until: string | null;
}
export interface UnreadResponse {
  /** Every unread message from others, whatever the notification levels. */
  total: number;
  /** What the toolbar shows: unread entries counted by each conversation's level and mute (badgeCount). */
  badge: number;
  conversations: Record<string, number>;
  /** Unread mentions of you, per conversation (conversations with none are left out). */
  mentions: Record<string, number>;
}

/** PATCH /messages/{id}. */
export interface EditRequest {
  message: string;
  client_id?: string;
}
/** The optional body of DELETE /messages/{id} and of the reaction routes: a retry with the same client_id changes nothing twice. */
export interface WriteRequest {
  client_id?: string;
}
export interface Revision {
  message: string;
  /** When this text was written by an edit; null for the original text. */
  edited_at: string | null;
}
export interface RevisionsResponse {
  /** Every text the message has had, oldest first; the last is the current one. */
  revisions: Revision[];
}

export interface AnnouncementResponse {
  announcement: string;
  /** ISO 8601; null when there has never been one. */
  updated_at: string | null;
}
export interface PostAnnouncementRequest {
  text: string;
}

/** Who may create an account: anyone, holders of an invite code, or nobody (accounts come from the admin command line). */
export type RegistrationMode = 'open' | 'invite' | 'closed';
export const REGISTRATION_MODES: readonly RegistrationMode[] = ['open', 'invite', 'closed'];

/** GET /server-info: what a client needs to know before anyone signs in. */
export interface ServerInfo {
  registration: RegistrationMode;
  /** The server's version (its package version). */
  version: string;
  /** The largest file the server accepts, when it accepts files. */
  max_upload_bytes?: number;
}

export interface CreateInviteRequest {
  /** How many accounts the code may create: 1 to 1000, default 1. */
  uses?: number;
  /** Hours until the code stops working: 1 to 8760, default 168 (a week). */
  expires_in_hours?: number;
  note?: string;
}
/** An invite as listed: never its code, which is shown once, when it is created. */
export interface Invite {
  id: number;
  uses: number;
  used: number;
  /** ISO 8601. */
  expires_at: string;
  note: string | null;
}
export interface CreatedInvite extends Invite {
  /** Give it to the newcomer; the server keeps only its hash. */
  code: string;
}
export interface InvitesResponse {
  invites: Invite[];
}

/** PUT /me/settings: each field left out keeps its value. */
export interface AccountSettingsRequest {
  dnd_until?: string | null;
  share_read_receipts?: boolean;
  share_typing?: boolean;
}
/** Settings of the account, shared by all its sessions. */
export interface AccountSettings {
  /** ISO 8601: no desktop notifications until then (the badge still counts); null when off. */
  dnd_until: string | null;
  share_read_receipts: boolean;
  share_typing: boolean;
}

export interface ChangePasswordRequest {
  current_password: string;
  new_password: string;
}

/** One signed-in session of the caller's account. */
export interface SessionInfo {
  id: string;
  /** ISO 8601. */
  created_at: string;
  /** ISO 8601, to the minute. */
  last_seen_at: string;
  user_agent: string | null;
  /** True for the session the request was made with. */
  current: boolean;
}
export interface SessionsResponse {
  sessions: SessionInfo[];
}

export interface DeleteAccountRequest {
  password: string;
  /** Also erase the text of every message the account sent (they stay as empty, deleted messages). */
  erase?: boolean;
}

/** POST /admin/users/{name}/suspend and /unsuspend. */
export interface SuspensionResponse {
  username: string;
  suspended: boolean;
}

/** GET /me/export: everything the account can see, as one JSON document (streamed). */
export interface AccountExport {
  /** ISO 8601. */
  exported_at: string;
  account: { username: string; created_at: string };
  /** Rooms the account is in now. */
  rooms: Room[];
  /** Every DM, and every room for the stretches the account was a member, oldest message first. */
  conversations: { id: string; type: 'dm' | 'room'; messages: ChatMessage[] }[];
}
