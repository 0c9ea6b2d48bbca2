import {
  AccountSettings,
  AccountSettingsRequest,
  AuthResponse,
  ChangePasswordRequest,
  ConversationSettings,
  ConversationSettingsRequest,
  ConversationsResponse,
  CurrentMessage,
  CreateRoomRequest,
  DeleteAccountRequest,
  HistoryQuery,
  HistoryResponse,
  LoginRequest,
  MessagesResponse,
  OnlineResponse,
  PresenceRequest,
  PresenceState,
  ReadResponse,
  ReadStateResponse,
  RegisterRequest,
  RevisionsResponse,
  Room,
  RoomsResponse,
  ROUTES,
  SearchQuery,
  SearchResponse,
  SendResponse,
  ServerInfo,
  SessionsResponse,
  UnreadResponse,
  AnnouncementResponse,
} from '@chatroom/shared';
import { errorFromAnswer, NetworkError, safeJson } from './server-errors';

export type FetchFn = typeof fetch;

/** A client for the server and session the worker has now; unauthenticated for register and login. */
export type ApiFor = (authenticated?: boolean) => ApiClient;

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  signal?: AbortSignal;
  /** The body as text rather than parsed (a file to save as it came). */
  text?: boolean;
}

/** Typed calls to the ChatRoom HTTP API; one instance per server address and token. */
export class ApiClient {
  constructor(
    private readonly fetchFn: FetchFn,
    private readonly baseUrl: string,
    private readonly token: string | null = null,
  ) {}

  withToken(token: string | null): ApiClient {
    return new ApiClient(this.fetchFn, this.baseUrl, token);
  }

  register(credentials: RegisterRequest): Promise<AuthResponse> {
    return this.request(ROUTES.register, { method: 'POST', body: credentials });
  }
  login(credentials: LoginRequest): Promise<AuthResponse> {
    return this.request(ROUTES.login, { method: 'POST', body: credentials });
  }
  logout(): Promise<unknown> {
    return this.request(ROUTES.logout, { method: 'POST', body: {} });
  }
  online(): Promise<OnlineResponse> {
    return this.request(ROUTES.online);
  }
  presence(state: PresenceState): Promise<PresenceRequest> {
    return this.request(ROUTES.presence, { method: 'POST', body: { state } });
  }
  send(recipient: string, message: string, clientId: string, replyTo?: number, attachments?: string[]): Promise<SendResponse> {
    return this.request(ROUTES.send, {
      method: 'POST',
      body: { recipient, message, client_id: clientId, reply_to: replyTo, ...(attachments?.length ? { attachments } : {}) },
    });
  }
  edit(id: number, message: string, clientId: string): Promise<CurrentMessage> {
    return this.request(ROUTES.message(id), { method: 'PATCH', body: { message, client_id: clientId } });
  }
  deleteMessage(id: number, clientId: string): Promise<unknown> {
    return this.request(ROUTES.message(id), { method: 'DELETE', body: { client_id: clientId } });
  }
  react(id: number, emoji: string, add: boolean, clientId: string): Promise<CurrentMessage> {
    return this.request(ROUTES.messageReaction(id, emoji), { method: add ? 'PUT' : 'DELETE', body: { client_id: clientId } });
  }
  revisions(id: number): Promise<RevisionsResponse> {
    return this.request(ROUTES.messageRevisions(id));
  }
  messages(lastId: number, timeoutSeconds: number, signal?: AbortSignal): Promise<MessagesResponse> {
    return this.request(ROUTES.messages, { query: { last_id: lastId, timeout: timeoutSeconds }, signal });
  }
  history({ with: conversation, before, after, around, limit }: HistoryQuery): Promise<HistoryResponse> {
    return this.request(ROUTES.history, { query: { with: conversation, before, after, around, limit } });
  }
  search({ q, with: conversation, from, before, limit }: SearchQuery): Promise<SearchResponse> {
    return this.request(ROUTES.search, { query: { q, with: conversation, from, before, limit } });
  }
  conversations(): Promise<ConversationsResponse> {
    return this.request(ROUTES.conversations);
  }
  conversationSettings(conversation: string, body: ConversationSettingsRequest): Promise<ConversationSettings> {
    return this.request(ROUTES.conversationSettings(conversation), { method: 'PUT', body });
  }
  unread(): Promise<UnreadResponse> {
    return this.request(ROUTES.unread);
  }
  read(conversation: string, lastReadId: number): Promise<ReadResponse> {
    return this.request(ROUTES.read, { method: 'POST', body: { conversation, last_read_id: lastReadId } });
  }
  markUnread(conversation: string, fromId: number): Promise<ReadResponse> {
    return this.request(ROUTES.unread, { method: 'POST', body: { conversation, from_id: fromId } });
  }
  readState(conversation: string): Promise<ReadStateResponse> {
    return this.request(ROUTES.conversationReadState(conversation));
  }
  typing(conversation: string, typing: boolean): Promise<unknown> {
    return this.request(ROUTES.typing, { method: 'POST', body: { conversation, typing } });
  }
  rooms(): Promise<RoomsResponse> {
    return this.request(ROUTES.rooms);
  }
  createRoom(body: CreateRoomRequest): Promise<Room> {
    return this.request(ROUTES.createRoom, { method: 'POST', body });
  }
  leaveRoom(roomId: string): Promise<unknown> {
    return this.request(ROUTES.leaveRoom, { method: 'POST', body: { room_id: roomId } });
  }
  addMember(roomId: string, username: string): Promise<Room> {
    return this.request(ROUTES.roomMembers(roomId), { method: 'POST', body: { username } });
  }
  removeMember(roomId: string, username: string): Promise<Room> {
    return this.request(ROUTES.roomMember(roomId, username), { method: 'DELETE' });
  }
  renameRoom(roomId: string, name: string): Promise<Room> {
    return this.request(ROUTES.room(roomId), { method: 'PATCH', body: { name } });
  }
  announcement(): Promise<AnnouncementResponse> {
    return this.request(ROUTES.announcement);
  }
  serverInfo(): Promise<ServerInfo> {
    return this.request(ROUTES.serverInfo);
  }
  accountSettings(): Promise<AccountSettings> {
    return this.request(ROUTES.meSettings);
  }
  saveAccountSettings(body: AccountSettingsRequest): Promise<AccountSettings> {
    return this.request(ROUTES.meSettings, { method: 'PUT', body });
  }
  changePassword(body: ChangePasswordRequest): Promise<unknown> {
    return this.request(ROUTES.mePassword, { method: 'POST', body });
  }
  sessions(): Promise<SessionsResponse> {
    return this.request(ROUTES.meSessions);
  }
  endSession(id: string): Promise<unknown> {
    return this.request(ROUTES.meSession(id), { method: 'DELETE' });
  }
  exportAccount(): Promise<string> {
    return this.request(ROUTES.meExport, { text: true });
  }
  deleteAccount(body: DeleteAccountRequest): Promise<unknown> {
    return this.request(ROUTES.me, { method: 'DELETE', body });
  }

  private async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const url = new URL(path, this.baseUrl);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.token) headers.Authorization = `Bearer ${this.token}`;

    let response: Response;
    try {
      response = await this.fetchFn(url.toString(), {
        method: options.method ?? 'GET',
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new NetworkError(`Cannot reach the server at ${this.baseUrl}.`);
    }
    const text = await response.text().catch(() => '');
    if (response.ok && options.text) return text as T;
    if (!response.ok) throw errorFromAnswer(response.status, response.statusText, text);
    return (text ? safeJson(text) : null) as T;
  }
}

