import {
  ANNOUNCEMENTS_CONVERSATION,
  ChatMessage,
  Conversation,
  conversationOf,
  CreateRoomRequest,
  Credentials,
  DEFAULT_EXTENSION_SETTINGS,
  ErrorCode,
  ExtensionSettings,
  HistoryResponse,
  isRoomId,
  LIMITS,
  MessagesResponse,
  PendingMessage,
  Room,
  signedOutSnapshot,
  WorkerSnapshot,
} from '@chatroom/shared';
import { ApiClient, FetchFn, isTransient, isUnauthenticated, NetworkError, ServerError } from './api-client';
import { backoffDelay, BackoffPolicy } from './backoff';
import { badgeText } from './badge';
import { emptyCache, emptySync, KeyValueStore, PersistedState, STATE_KEYS, StateKey } from './store';

export interface Clock {
  now(): number;
  /** Resolves after `ms`, or early (without error) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
    }),
};

export interface DesktopNotification {
  conversation: string;
  title: string;
  body: string;
}

/** What the core needs from its surroundings: the browser in the worker, plain Node in tests. */
export interface CoreDeps {
  fetch: FetchFn;
  store: KeyValueStore;
  clock?: Clock;
  random?: () => number;
  newClientId?: () => string;
  setBadge?: (text: string) => void | Promise<void>;
  notify?: (notification: DesktopNotification) => void | Promise<void>;
  onSnapshot?: (snapshot: WorkerSnapshot) => void;
  onMessages?: (messages: ChatMessage[]) => void;
}

export interface CoreOptions {
  /** Under Chrome's 30 s limit for a pending fetch in a service worker. */
  pollTimeoutSeconds: number;
  backoff: BackoffPolicy;
}

export const DEFAULT_CORE_OPTIONS: CoreOptions = {
  pollTimeoutSeconds: 20,
  backoff: { baseMs: 1_000, maxMs: 15_000 },
};

/** Presence changes without messages, so the online list is fetched again this often while polling. */
const ONLINE_REFRESH_MS = 20_000;

/**
 * The worker's logic without the browser: session, long-poll loop with backoff, unread counts,
 * outbox. Every state that must survive the worker being stopped lives in `store`; a new instance
 * over the same store resumes where the last one stopped.
 */
export class ChatCore {
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly options: CoreOptions;
  private state!: PersistedState;
  private readonly ready: Promise<void>;
  private connection: WorkerSnapshot['connection'] = 'signed-out';
  private connectionError: string | null = null;
  /** Open views and the conversation each shows; views disconnect when the worker stops. */
  private readonly views = new Map<string, string | null>();
  private pollLoop: Promise<void> | null = null;
  private pollAbort: AbortController | null = null;
  private backoffAbort: AbortController | null = null;
  private outboxFlush: Promise<void> | null = null;
  private stopped = false;
  private onlineFetchedAt = 0;

  constructor(
    private readonly deps: CoreDeps,
    options: Partial<CoreOptions> = {},
  ) {
    this.clock = deps.clock ?? realClock;
    this.random = deps.random ?? Math.random;
    this.options = { ...DEFAULT_CORE_OPTIONS, ...options };
    this.ready = this.load();
  }

  /** Loads the stored state, shows the stored badge and starts polling if signed in. */
  async start(): Promise<void> {
    await this.ready;
    await this.updateBadge();
    this.ensurePolling();
  }

  /** Starts the poll loop unless it runs already; called by every event that wakes the worker. */
  ensurePolling(): void {
    if (this.stopped || this.pollLoop || !this.state?.session) return;
    this.pollLoop = this.runPollLoop().finally(() => (this.pollLoop = null));
  }

  /** Cuts a backoff wait short: someone is looking, so try the server now. */
  retryNow(): void {
    this.backoffAbort?.abort();
  }

  /** Ends polling for good, as a stopped worker would; the stored state stays. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.pollAbort?.abort();
    this.backoffAbort?.abort();
    await this.pollLoop;
    await this.outboxFlush;
  }

  async snapshot(): Promise<WorkerSnapshot> {
    await this.ready;
    return this.buildSnapshot();
  }

  get username(): string | null {
    return this.state?.session?.username ?? null;
  }

  // ---- session -------------------------------------------------------------------------------

  async register(credentials: Credentials): Promise<void> {
    await this.ready;
    await this.beginSession(await this.api(false).register(credentials));
  }

  async login(credentials: Credentials): Promise<void> {
    await this.ready;
    await this.beginSession(await this.api(false).login(credentials));
  }

  async logout(): Promise<void> {
    await this.ready;
    const api = this.state.session ? this.api() : null;
    await this.endSession(null);
    await api?.logout().catch(() => undefined);
  }

  async saveSettings(changes: Partial<ExtensionSettings>): Promise<ExtensionSettings> {
    await this.ready;
    const next = { ...this.state.settings, ...changes };
    next.serverUrl = normalizeServerUrl(next.serverUrl);
    const serverChanged = next.serverUrl !== this.state.settings.serverUrl;
    await this.write({ settings: next });
    // A token belongs to one server; keeping it for another would only produce 401s.
    if (serverChanged && this.state.session) await this.endSession(null);
    this.publish();
    return next;
  }

  // ---- views ---------------------------------------------------------------------------------

  attachView(viewId: string): void {
    this.views.set(viewId, null);
    this.retryNow();
    this.ensurePolling();
  }

  detachView(viewId: string): void {
    this.views.delete(viewId);
  }

  /** A view shows `conversation`: it is read now, and kept read while the view shows it. */
  async viewConversation(viewId: string, shown: string | null): Promise<void> {
    await this.ready;
    const conversation = shown && this.canonical(shown);
    this.views.set(viewId, conversation);
    if (conversation && conversation === this.state.requestedConversation) {
      await this.write({ requestedConversation: null });
    }
    if (conversation) await this.markRead(conversation);
    this.publish();
  }

  async requestConversation(conversation: string): Promise<void> {
    await this.ready;
    await this.write({ requestedConversation: this.canonical(conversation) });
    this.publish();
  }

  // ---- server calls on behalf of views -------------------------------------------------------

  async history(conversation: string, before?: number): Promise<HistoryResponse> {
    await this.ready;
    const page = await this.api().history(this.canonical(conversation), before);
    await this.learn(namesIn(page.messages));
    return page;
  }

  /** Queues a message and tries to send it; it stays in the outbox until the server has it. */
  async send(recipient: string, message: string): Promise<PendingMessage> {
    await this.ready;
    if (!this.state.session) throw new ServerError(401, ErrorCode.Unauthenticated, 'Log in first.');
    if (!message.trim()) throw new ServerError(400, ErrorCode.ValidationFailed, 'Write a message first.', 'message');
    if (message.length > LIMITS.messageMax) {
      throw new ServerError(
        400,
        ErrorCode.ValidationFailed,
        `A message holds at most ${LIMITS.messageMax} characters.`,
        'message',
      );
    }
    const pending: PendingMessage = {
      client_id: this.deps.newClientId?.() ?? crypto.randomUUID(),
      recipient: this.canonical(recipient),
      message,
      created_at: new Date(this.clock.now()).toISOString(),
    };
    await this.write({ outbox: [...this.state.outbox, pending] });
    this.publish();
    void this.flushOutbox();
    return pending;
  }

  async discardPending(clientId: string): Promise<void> {
    await this.ready;
    await this.write({ outbox: this.state.outbox.filter((item) => item.client_id !== clientId) });
    this.publish();
  }

  /** Sends the outbox in order; stops at the first transient failure and leaves the rest queued. */
  flushOutbox(): Promise<void> {
    this.outboxFlush ??= this.sendQueued().finally(() => (this.outboxFlush = null));
    return this.outboxFlush;
  }

  async createRoom(request: CreateRoomRequest): Promise<Room> {
    return this.roomAction((api) => api.createRoom(request));
  }
  async leaveRoom(roomId: string): Promise<void> {
    await this.roomAction((api) => api.leaveRoom(roomId));
    const { [roomId]: _left, ...unread } = this.state.sync.unread;
    await this.write({ sync: { ...this.state.sync, unread } });
    await this.updateBadge();
    this.publish();
  }
  async addMember(roomId: string, username: string): Promise<Room> {
    return this.roomAction((api) => api.addMember(roomId, username));
  }
  async removeMember(roomId: string, username: string): Promise<Room> {
    return this.roomAction((api) => api.removeMember(roomId, username));
  }
  async renameRoom(roomId: string, name: string): Promise<Room> {
    return this.roomAction((api) => api.renameRoom(roomId, name));
  }

  /** Fetches lists and unread counts again; the server is the truth for counts. */
  async refresh(): Promise<void> {
    await this.ready;
    if (!this.state.session) return;
    await this.resync();
  }

  // ---- internals -----------------------------------------------------------------------------

  private async load(): Promise<void> {
    const stored = (await this.deps.store.get(STATE_KEYS)) as Partial<PersistedState>;
    this.state = {
      settings: { ...DEFAULT_EXTENSION_SETTINGS, ...stored.settings },
      session: stored.session ?? null,
      // Filled in field by field: a version of the extension before an update may have stored fewer.
      sync: { ...emptySync(), ...stored.sync },
      cache: stored.cache ?? emptyCache(),
      outbox: stored.outbox ?? [],
      requestedConversation: stored.requestedConversation ?? null,
      spellings: stored.spellings ?? {},
    };
    const expired = this.state.session && Date.parse(this.state.session.expires_at) <= this.clock.now();
    if (expired) await this.endSession('Your session expired. Log in again.');
    else this.connection = this.state.session ? 'connecting' : 'signed-out';
  }

  private async write(changes: Partial<PersistedState>): Promise<void> {
    Object.assign(this.state, changes);
    await this.deps.store.set(changes);
  }

  private api(authenticated = true): ApiClient {
    const client = new ApiClient(this.deps.fetch, this.state.settings.serverUrl);
    return authenticated ? client.withToken(this.state.session?.token ?? null) : client;
  }

  private async beginSession(session: PersistedState['session']): Promise<void> {
    this.pollAbort?.abort();
    await this.pollLoop;
    await this.write({ session, sync: emptySync(), cache: emptyCache(), outbox: [], requestedConversation: null, spellings: {} });
    this.connection = 'connecting';
    this.connectionError = null;
    this.stopped = false;
    await this.updateBadge();
    this.publish();
    this.ensurePolling();
  }

  private async endSession(reason: string | null): Promise<void> {
    this.pollAbort?.abort();
    this.backoffAbort?.abort();
    await this.write({ session: null, sync: emptySync(), cache: emptyCache(), outbox: [], requestedConversation: null, spellings: {} });
    this.connection = 'signed-out';
    this.connectionError = reason;
    await this.updateBadge();
    this.publish();
  }

  private async runPollLoop(): Promise<void> {
    const abort = new AbortController();
    this.pollAbort = abort;
    const session = this.state.session;
    let failures = 0;
    let earlyEmpty = 0;
    let resynced = false;
    while (!abort.signal.aborted && this.state.session === session) {
      try {
        if (!resynced) {
          await this.resync();
          resynced = true;
          void this.flushOutbox();
        }
        const askedAt = this.clock.now();
        const response = await this.api().messages(
          this.state.sync.lastId ?? 0,
          this.options.pollTimeoutSeconds,
          abort.signal,
        );
        if (abort.signal.aborted || this.state.session !== session) break;
        failures = 0;
        this.setConnection('online', null);
        await this.ingest(response);
        // A server shutting down answers every poll at once and empty: polling again at once would spin.
        const early = this.clock.now() - askedAt < (this.options.pollTimeoutSeconds * 1_000) / 2;
        if (early && !response.messages.length) {
          this.backoffAbort = new AbortController();
          await this.clock.sleep(backoffDelay(earlyEmpty, this.options.backoff, this.random), this.backoffAbort.signal);
          earlyEmpty += 1;
        } else {
          earlyEmpty = 0;
        }
        // A send that failed while polls succeed (a dropped connection) is retried here.
        if (this.state.outbox.some((item) => !item.error)) void this.flushOutbox();
        if (this.clock.now() - this.onlineFetchedAt > ONLINE_REFRESH_MS) void this.refreshOnline();
      } catch (error) {
        if (abort.signal.aborted || this.state.session !== session) break;
        if (isUnauthenticated(error)) {
          await this.endSession('Your session expired. Log in again.');
          break;
        }
        // After any failure the server may have moved on (reads elsewhere, restarts): resync first.
        resynced = false;
        this.setConnection('offline', describe(error));
        this.backoffAbort = new AbortController();
        await this.clock.sleep(backoffDelay(failures, this.options.backoff, this.random), this.backoffAbort.signal);
        failures += 1;
      }
    }
  }

  /**
   * Takes the server's lists and unread counts as the truth. Messages up to the newest one it
   * reports are inside those counts, so the poll loop must not count them again.
   */
  private async resync(): Promise<void> {
    // Read markers made while the server was away go first, so that its counts include them.
    await this.sendReadMarkers();
    const api = this.api();
    let lists;
    for (let attempt = 1; ; attempt++) {
      const polledThrough = this.state.sync.lastId;
      lists = await Promise.all([api.conversations(), api.rooms(), api.online(), api.announcement()]);
      const [conversations, rooms, online] = lists;
      await this.learn([
        ...conversations.conversations.filter((c) => c.type === 'dm').map((c) => c.id),
        ...online.users,
        ...rooms.rooms.flatMap((room) => room.participants),
      ]);
      // Messages a poll delivered meanwhile were counted on top of counts these lists may predate:
      // taking the lists as they are would lose them, so ask again (a few times at most).
      if (this.state.sync.lastId === polledThrough || attempt === 3) break;
    }
    const [conversations, rooms, online, announcement] = lists;
    this.onlineFetchedAt = this.clock.now();
    const newest = Math.max(0, ...conversations.conversations.map((c) => c.last_message?.id ?? 0));
    const sync = this.state.sync;
    const unread: Record<string, number> = {};
    for (const conversation of conversations.conversations) {
      const pendingRead = sync.pendingReads[conversation.id];
      const readHere = pendingRead !== undefined && pendingRead >= (conversation.last_message?.id ?? 0);
      if (conversation.unread > 0 && !this.isViewed(conversation.id) && !readHere) unread[conversation.id] = conversation.unread;
    }
    await this.write({
      sync: {
        ...sync,
        lastId: sync.lastId ?? newest,
        countedThrough: Math.max(sync.countedThrough, newest),
        unread,
      },
      cache: {
        conversations: conversations.conversations,
        rooms: rooms.rooms,
        online: online.users,
        announcement: announcement.updated_at ? announcement : null,
      },
    });
    for (const conversation of conversations.conversations) {
      if (conversation.unread > 0 && this.isViewed(conversation.id)) void this.markRead(conversation.id);
    }
    this.setConnection('online', null);
    await this.updateBadge();
    this.publish();
  }

  private async ingest(response: MessagesResponse): Promise<void> {
    const me = this.state.session?.username;
    if (!me) return;
    // Learnt first, so that a view that named a sender in another case counts as showing them.
    await this.learn(namesIn(response.messages));
    const sync = this.state.sync;
    const previousLastId = sync.lastId ?? 0;
    const unread = { ...sync.unread };
    const fresh = response.messages.filter((m) => m.id > previousLastId).sort((a, b) => a.id - b.id);
    let conversations = this.state.cache.conversations;
    let announcement = this.state.cache.announcement;
    let listsStale = false;
    const toMarkRead = new Set<string>();
    const toNotify: ChatMessage[] = [];

    for (const message of fresh) {
      const conversation = conversationOf(message, me);
      if (message.kind === 'announcement') {
        // The banner already shows the current text (fetched at login): only a new text is news.
        if (!this.views.size && message.message !== announcement?.announcement) toNotify.push(message);
        announcement = { announcement: message.message, updated_at: message.timestamp };
        continue;
      }
      if (message.kind === 'event') listsStale = true;
      const known = conversations.find((c) => c.id === conversation);
      if (!known) listsStale = true;
      else conversations = [{ ...known, last_message: message }, ...conversations.filter((c) => c !== known)];

      const fromOthers = message.sender !== me && message.kind === 'message';
      if (!fromOthers) continue;
      if (this.isViewed(conversation)) {
        toMarkRead.add(conversation);
      } else if (message.id > sync.countedThrough) {
        unread[conversation] = (unread[conversation] ?? 0) + 1;
        if (!this.views.size && !isRoomId(conversation)) toNotify.push(message);
      }
    }

    const lastId = Math.max(previousLastId, response.last_id, ...fresh.map((m) => m.id));
    // Written on every poll, even an empty one: the storage call also keeps the worker alive.
    await this.write({
      sync: { ...sync, lastId, unread },
      cache: { ...this.state.cache, conversations, announcement },
    });
    await this.updateBadge();
    if (fresh.length) this.deps.onMessages?.(fresh);
    this.publish();

    for (const conversation of toMarkRead) void this.markRead(conversation);
    if (this.state.settings.notifications) {
      for (const message of toNotify) void this.deps.notify?.(notificationFor(message, me));
    }
    if (listsStale) void this.refreshLists();
  }

  /** Refreshes the lists without touching unread counts, which the poll loop keeps current. */
  private async refreshLists(): Promise<void> {
    try {
      const api = this.api();
      const [conversations, rooms] = await Promise.all([api.conversations(), api.rooms()]);
      await this.learn(rooms.rooms.flatMap((room) => room.participants));
      await this.write({
        cache: { ...this.state.cache, conversations: conversations.conversations, rooms: rooms.rooms },
      });
      this.publish();
    } catch {
      // The next successful poll or resync brings the lists back.
    }
  }

  private async refreshOnline(): Promise<void> {
    this.onlineFetchedAt = this.clock.now();
    try {
      const online = await this.api().online();
      await this.learn(online.users);
      await this.write({ cache: { ...this.state.cache, online: online.users } });
      this.publish();
    } catch {
      // Presence is a nicety; the next poll tries again.
    }
  }

  /** Counts the conversation read here at once, and queues its read marker for the server. */
  private async markRead(conversation: string): Promise<void> {
    const sync = this.state.sync;
    const known = this.state.cache.conversations.find((c) => c.id === conversation);
    const lastMessageId = known?.last_message?.id ?? 0;
    const newMarker = lastMessageId > Math.max(known?.last_read_id ?? 0, sync.pendingReads[conversation] ?? 0);
    if (!sync.unread[conversation] && !newMarker) return;
    const { [conversation]: _read, ...unread } = sync.unread;
    const pendingReads = newMarker ? { ...sync.pendingReads, [conversation]: lastMessageId } : sync.pendingReads;
    await this.write({ sync: { ...sync, unread, pendingReads } });
    await this.updateBadge();
    this.publish();
    if (newMarker) await this.sendReadMarkers();
  }

  /**
   * Sends the queued read markers. One the server cannot take now stays queued (in storage, so a
   * restarted worker still has it) for the next resync; one it refuses for good is dropped.
   */
  private async sendReadMarkers(): Promise<void> {
    for (const [conversation, lastReadId] of Object.entries(this.state.sync.pendingReads)) {
      if (!this.state.session) return;
      let accepted = true;
      try {
        await this.api().read(conversation, lastReadId);
      } catch (error) {
        if (isTransient(error) || isUnauthenticated(error)) return;
        accepted = false;
      }
      // A later marker for the same conversation may have been queued while this one was on its way.
      const { [conversation]: queued, ...rest } = this.state.sync.pendingReads;
      const pendingReads = queued !== undefined && queued > lastReadId ? this.state.sync.pendingReads : rest;
      const conversations = accepted
        ? this.state.cache.conversations.map((c) =>
            c.id === conversation ? { ...c, unread: 0, last_read_id: Math.max(c.last_read_id, lastReadId) } : c,
          )
        : this.state.cache.conversations;
      await this.write({ sync: { ...this.state.sync, pendingReads }, cache: { ...this.state.cache, conversations } });
    }
  }

  private async sendQueued(): Promise<void> {
    for (;;) {
      const next = this.state.outbox.find((item) => !item.error);
      if (!next || !this.state.session) return;
      try {
        const sent = await this.api().send(next.recipient, next.message, next.client_id);
        await this.learn(namesIn([sent]));
        await this.write({ outbox: this.state.outbox.filter((item) => item.client_id !== next.client_id) });
        this.deps.onMessages?.([sent]);
        this.publish();
      } catch (error) {
        if (isTransient(error) || isUnauthenticated(error)) {
          if (error instanceof NetworkError) this.setConnection('offline', describe(error));
          return;
        }
        const failed = { ...next, error: describe(error) };
        await this.write({ outbox: this.state.outbox.map((item) => (item.client_id === next.client_id ? failed : item)) });
        this.publish();
      }
    }
  }

  private async roomAction<T>(action: (api: ApiClient) => Promise<T>): Promise<T> {
    await this.ready;
    const result = await action(this.api());
    await this.refreshLists();
    return result;
  }

  /** A view may have named a conversation before the server's spelling of it was known. */
  private isViewed(conversation: string): boolean {
    for (const viewed of this.views.values()) if (viewed !== null && this.canonical(viewed) === conversation) return true;
    return false;
  }

  /** The server's spelling of a conversation id given in any case; a name it never mentioned stays as given. */
  private canonical(conversation: string): string {
    const key = conversation.toLowerCase();
    if (isRoomId(key)) return key;
    return this.state.spellings[key] ?? conversation;
  }

  private async learn(names: Iterable<string>): Promise<void> {
    const added: Record<string, string> = {};
    for (const name of names) {
      const key = name.toLowerCase();
      if (!isRoomId(key) && this.state.spellings[key] !== name) added[key] = name;
    }
    if (Object.keys(added).length) await this.write({ spellings: { ...this.state.spellings, ...added } });
  }

  private setConnection(connection: WorkerSnapshot['connection'], error: string | null): void {
    if (this.connection === connection && this.connectionError === error) return;
    this.connection = connection;
    this.connectionError = error;
    this.publish();
  }

  private totalUnread(): number {
    return Object.values(this.state.sync.unread).reduce((sum, n) => sum + n, 0);
  }

  private async updateBadge(): Promise<void> {
    await this.deps.setBadge?.(badgeText(this.totalUnread()));
  }

  private buildSnapshot(): WorkerSnapshot {
    if (!this.state.session) return signedOutSnapshot(this.state.settings, this.connectionError);
    const unread = this.state.sync.unread;
    return {
      settings: this.state.settings,
      username: this.state.session.username,
      connection: this.connection,
      connectionError: this.connectionError,
      conversations: this.state.cache.conversations.map(
        (c): Conversation => ({ ...c, unread: unread[c.id] ?? 0 }),
      ),
      rooms: this.state.cache.rooms,
      online: this.state.cache.online,
      announcement: this.state.cache.announcement,
      totalUnread: this.totalUnread(),
      outbox: this.state.outbox,
      requestedConversation: this.state.requestedConversation,
    };
  }

  private publish(): void {
    this.deps.onSnapshot?.(this.buildSnapshot());
  }
}

export function normalizeServerUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new ServerError(400, ErrorCode.ValidationFailed, 'Enter a full address, like http://localhost:5003.', 'serverUrl');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ServerError(400, ErrorCode.ValidationFailed, 'The address must start with http:// or https://.', 'serverUrl');
  }
  return url.origin;
}

function namesIn(messages: ChatMessage[]): string[] {
  return messages.flatMap((message) => (message.kind === 'announcement' ? [] : [message.sender, message.recipient]));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function notificationFor(message: ChatMessage, me: string): DesktopNotification {
  const conversation = conversationOf(message, me);
  return conversation === ANNOUNCEMENTS_CONVERSATION
    ? { conversation, title: 'Announcement', body: message.message }
    : { conversation, title: message.sender, body: message.message };
}
