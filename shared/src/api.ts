/** Request and response bodies of the HTTP API (JSON). */

export type MessageKind = 'message' | 'event' | 'announcement';

/** One timeline entry, as /send, /messages and /history return it. */
export interface ChatMessage {
  id: number;
  kind: MessageKind;
  sender: string;
  /** A username (direct message), a room id (`room_1`), or `*` (announcement to everyone). */
  recipient: string;
  message: string;
  /** ISO 8601, UTC. */
  timestamp: string;
  client_id?: string | null;
}

export interface Credentials {
  username: string;
  password: string;
}
export type RegisterRequest = Credentials;
export type LoginRequest = Credentials;
export interface AuthResponse {
  username: string;
  token: string;
  /** ISO 8601 expiry of the token. */
  expires_at: string;
}

export interface LogoutRequest {
  username?: string;
}

export interface OnlineResponse {
  users: string[];
}

export interface SendRequest {
  recipient: string;
  message: string;
  client_id?: string;
  sender?: string;
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
}

export interface HistoryQuery {
  with: string;
  before?: number;
  limit?: number;
}
export interface HistoryResponse {
  messages: ChatMessage[];
  /** True when older messages remain before the first one returned. */
  has_more: boolean;
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
  last_message: ChatMessage | null;
  unread: number;
  last_read_id: number;
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
}
export interface UnreadResponse {
  total: number;
  conversations: Record<string, number>;
}

export interface AnnouncementResponse {
  announcement: string;
  /** ISO 8601; null when there has never been one. */
  updated_at: string | null;
}
export interface PostAnnouncementRequest {
  text: string;
}
