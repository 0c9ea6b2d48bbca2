import {
  applyChange,
  asksAttention,
  ChatMessage,
  Conversation,
  conversationOf,
  DEFAULT_NOTIFY_LEVEL,
  effectiveNotifyLevel,
  freshState,
  isRelationKind,
  MessagesResponse,
  sameConversation,
} from '@chatroom/shared';
import type { ApiFor } from './api-client';
import type { Clock } from './clock';
import type { Notifier } from './notifier';
import { withPreviewChanged } from './previews';
import type { ReadMarkers } from './read-markers';
import type { StateStore } from './state';
import type { Views } from './views';

export interface SyncOutputs {
  onMessages?: (messages: ChatMessage[]) => void;
}

/** Presence changes without messages, so the online list is fetched again this often while polling. */
const ONLINE_REFRESH_MS = 20_000;

/** Times an answer of the server is asked for while polls keep delivering, before it is taken as it is (lists) or dropped (counts). */
const RESYNC_ATTEMPTS = 3;

/**
 * Keeps the worker's picture of the server current: the lists and unread counts it fetches, and the
 * messages each poll delivers (counted, shown, notified).
 */
export class Sync {
  private onlineFetchedAt = 0;

  constructor(
    private readonly state: StateStore,
    private readonly views: Views,
    private readonly readMarkers: ReadMarkers,
    private readonly api: ApiFor,
    private readonly clock: Clock,
    private readonly notifier: Notifier,
    private readonly outputs: SyncOutputs,
  ) {}

  /**
   * Takes the server's lists and unread counts as the truth. Messages up to the newest one it
   * reports are inside those counts, so the poll loop must not count them again.
   */
  async resync(): Promise<void> {
    const readMarkers = this.readMarkers.watch();
    try {
      await this.takeLists(readMarkers.markers);
    } finally {
      readMarkers.stop();
    }
  }

  private async takeLists(readHere: ReadonlyMap<string, number>): Promise<void> {
    // Read markers made while the server was away go first, so that its counts include them.
    await this.readMarkers.send();
    const api = this.api();
    const { answer: lists } = await this.betweenPolls(async () => {
      const answered = await Promise.all([
        api.conversations(),
        api.rooms(),
        api.online(),
        api.announcement(),
        // A server from before do-not-disturb has no such route: nothing is snoozed there.
        api.accountSettings().then((settings) => settings.dnd_until, () => null),
      ]);
      const [conversations, rooms, online] = answered;
      await this.state.learn([
        ...conversations.conversations.filter((c) => c.type === 'dm').map((c) => c.id),
        ...online.users,
        ...rooms.rooms.flatMap((room) => room.participants),
      ]);
      return answered;
    });
    const [conversations, rooms, online, announcement, dndUntil] = lists;
    this.onlineFetchedAt = this.clock.now();
    const newest = Math.max(0, ...conversations.conversations.map((c) => c.last_message?.id ?? 0));
    const sync = this.state.current.sync;
    const unread: Record<string, number> = {};
    const mentions: Record<string, number> = {};
    for (const conversation of conversations.conversations) {
      const marker = Math.max(sync.pendingReads[conversation.id] ?? 0, readHere.get(conversation.id) ?? 0);
      const readThrough = marker > 0 && marker >= (conversation.last_message?.id ?? 0);
      if (this.views.isViewed(conversation.id) || readThrough) continue;
      if (conversation.unread > 0) unread[conversation.id] = conversation.unread;
      if (conversation.mentions > 0) mentions[conversation.id] = conversation.mentions;
    }
    await this.state.write({
      sync: {
        ...sync,
        lastId: sync.lastId ?? newest,
        countedThrough: Math.max(sync.countedThrough, newest),
        unread,
        mentions,
      },
      cache: {
        conversations: conversations.conversations,
        rooms: rooms.rooms,
        online: online.users,
        presence: online.presence,
        announcement: announcement.updated_at ? announcement : null,
        dndUntil,
      },
    });
    for (const conversation of conversations.conversations) {
      if ((conversation.unread > 0 || conversation.mentions > 0) && this.views.isViewed(conversation.id)) void this.readMarkers.markRead(conversation.id);
    }
    this.views.setConnection('online', null);
    await this.views.updateBadge();
    this.views.publish();
  }

  /** Takes in what a poll delivered: counts, lists, announcement, then views and notifications. */
  async ingest(response: MessagesResponse): Promise<void> {
    const me = this.state.current.session?.username;
    if (!me) return;
    // Learnt first, so that a view that named a sender in another case counts as showing them.
    await this.state.learn(response.messages.flatMap(namesIn));
    const { sync, cache } = this.state.current;
    const previousLastId = sync.lastId ?? 0;
    const unread = { ...sync.unread };
    const mentions = { ...sync.mentions };
    const fresh = response.messages.filter((m) => m.id > previousLastId).sort((a, b) => a.id - b.id);
    let conversations = cache.conversations;
    let announcement = cache.announcement;
    let listsStale = false;
    const toMarkRead = new Set<string>();
    const toNotify: ChatMessage[] = [];
    const mentionsToRecount = new Set<string>();

    for (const message of fresh) {
      const conversation = conversationOf(message, me);
      if (message.kind === 'announcement') {
        // The banner already shows the current text (fetched at login): only a new text is news.
        if (!this.views.anyOpen && message.message !== announcement?.announcement) toNotify.push(message);
        announcement = { announcement: message.message, updated_at: message.timestamp };
        continue;
      }
      if (message.kind === 'event') listsStale = true;
      const known = conversations.find((c) => c.id === conversation);
      if (!known) listsStale = true;
      // Edits, deletes and reactions change an earlier message: the list's preview stays the newest message.
      else if (!isRelationKind(message.kind)) conversations = [{ ...known, last_message: freshState(message) }, ...conversations.filter((c) => c !== known)];

      // They change the preview (views fold them into what they show) but are never unread themselves.
      if (isRelationKind(message.kind)) {
        conversations = withPreviewChanged(conversations, conversation, (last) => applyChange(last, message));
        const counted = message.id > sync.countedThrough && !this.views.isViewed(conversation);
        if (counted && message.kind === 'delete' && unread[conversation] && this.deletesUnread(conversation, message, me, known)) {
          unread[conversation] = (unread[conversation] ?? 1) - 1;
          // Whether the deleted message mentioned the user only the server knows: the worker keeps no messages.
          if (mentions[conversation]) mentionsToRecount.add(conversation);
        }
        // An edit counts and notifies only for those it mentions for the first time.
        if (counted && message.kind === 'edit' && message.sender !== me && mentionsOf(message.new_mentions, me)) {
          mentions[conversation] = (mentions[conversation] ?? 0) + 1;
          if (this.asksAttention(known, true)) toNotify.push(message);
        }
        continue;
      }
      const fromOthers = message.sender !== me && message.kind === 'message';
      if (!fromOthers) continue;
      if (this.views.isViewed(conversation)) {
        toMarkRead.add(conversation);
      } else {
        const mentioned = mentionsOf(message.mentions, me);
        const counted = message.id > sync.countedThrough;
        if (counted) {
          unread[conversation] = (unread[conversation] ?? 0) + 1;
          if (mentioned) mentions[conversation] = (mentions[conversation] ?? 0) + 1;
        }
        // Not on screen (the popup closed, or showing another conversation): DMs and rooms alike, by
        // level. One a resync counted already (it came while the worker was stopped) is news all the
        // same, unless it was read elsewhere meanwhile.
        if ((counted || unread[conversation]) && this.asksAttention(known, mentioned)) toNotify.push(message);
      }
    }

    const lastId = Math.max(previousLastId, response.last_id, ...fresh.map((m) => m.id));
    const cacheChanged = conversations !== cache.conversations || announcement !== cache.announcement;
    // Written on every poll, even an empty one: the storage call also keeps the worker alive.
    await this.state.write({
      sync: { ...sync, lastId, unread: positive(unread), mentions: positive(mentions) },
      ...(cacheChanged ? { cache: { ...cache, conversations, announcement } } : {}),
    });
    // A poll that brought nothing changes nothing a view or the badge shows.
    if (fresh.length) {
      await this.views.updateBadge();
      this.outputs.onMessages?.(fresh);
      this.views.publish();
    }

    for (const conversation of toMarkRead) void this.readMarkers.markRead(conversation);
    void this.notifier.show(toNotify, me);
    if (listsStale) void this.refreshLists();
    if (mentionsToRecount.size > 0) void this.recountMentions(mentionsToRecount);
    if (this.clock.now() - this.onlineFetchedAt > ONLINE_REFRESH_MS) void this.refreshOnline();
  }

  /** Whether an entry is worth a notification under the conversation's level and mute (attention.ts, as the badge). */
  private asksAttention(conversation: Conversation | undefined, mentionsYou: boolean): boolean {
    const level = effectiveNotifyLevel(conversation?.notify ?? DEFAULT_NOTIFY_LEVEL, conversation?.muted_until ?? null, this.clock.now());
    return asksAttention(level, mentionsYou);
  }

  /**
   * Whether a delete took away a message counted unread here: one after the read marker that the
   * user did not write (unless it is the preview, whose author is known here, the one who deleted it
   * wrote it: the worker keeps no other messages).
   */
  private deletesUnread(conversation: string, entry: ChatMessage, me: string, known: Conversation | undefined): boolean {
    const target = entry.relates_to ?? 0;
    const readThrough = Math.max(known?.last_read_id ?? 0, this.state.current.sync.pendingReads[conversation] ?? 0);
    const last = known?.last_message;
    const author = last?.id === target ? last.sender : entry.sender;
    return target > readThrough && !sameConversation(author, me);
  }

  /**
   * Takes the server's mention counts for `conversations` after deletes there. A count only falls
   * this way: one a poll raised while the server answered is kept (the answer is asked again then).
   */
  private async recountMentions(conversations: ReadonlySet<string>): Promise<void> {
    try {
      const { answer: counts, settled } = await this.betweenPolls(() => this.api().unread());
      if (!settled) return;
      const { sync } = this.state.current;
      const mentions = { ...sync.mentions };
      for (const conversation of conversations) mentions[conversation] = Math.min(mentions[conversation] ?? 0, counts.mentions[conversation] ?? 0);
      await this.state.write({ sync: { ...sync, mentions: positive(mentions) } });
      await this.views.updateBadge();
      this.views.publish();
    } catch {
      // The next resync brings the server's counts.
    }
  }

  /**
   * What `ask` answers, asked again (RESYNC_ATTEMPTS times in all, at most) while polls delivered
   * messages meanwhile: counts in an answer may predate messages already counted here. `settled`:
   * the last answer came with no poll in between.
   */
  private async betweenPolls<T>(ask: () => Promise<T>): Promise<{ answer: T; settled: boolean }> {
    for (let attempt = 1; ; attempt++) {
      const polledThrough = this.state.current.sync.lastId;
      const answer = await ask();
      const settled = this.state.current.sync.lastId === polledThrough;
      if (settled || attempt === RESYNC_ATTEMPTS) return { answer, settled };
    }
  }

  /** Refreshes the lists without touching unread counts, which the poll loop keeps current. */
  async refreshLists(): Promise<void> {
    try {
      const api = this.api();
      const [conversations, rooms] = await Promise.all([api.conversations(), api.rooms()]);
      await this.state.learn(rooms.rooms.flatMap((room) => room.participants));
      const { cache } = this.state.current;
      await this.state.write({ cache: { ...cache, conversations: conversations.conversations, rooms: rooms.rooms } });
      // A new conversation's name and level reach the badge's tooltip and count.
      await this.views.updateBadge();
      this.views.publish();
    } catch {
      // The next successful poll or resync brings the lists back.
    }
  }

  private async refreshOnline(): Promise<void> {
    this.onlineFetchedAt = this.clock.now();
    try {
      const online = await this.api().online();
      await this.state.learn(online.users);
      await this.state.write({ cache: { ...this.state.current.cache, online: online.users, presence: online.presence } });
      this.views.publish();
    } catch {
      // Presence is a nicety; the next poll tries again.
    }
  }
}

/** The names a message spells the server's way. */
export function namesIn(message: ChatMessage): string[] {
  return message.kind === 'announcement' ? [] : [message.sender, message.recipient];
}

function positive(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([, count]) => count > 0));
}

/** Whether a list of mentioned names (the server's spellings) names `me`. */
function mentionsOf(mentions: string[] | undefined, me: string): boolean {
  return mentions?.some((name) => sameConversation(name, me)) ?? false;
}
