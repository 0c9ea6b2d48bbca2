import {
  ANNOUNCEMENTS_CONVERSATION,
  badgeCount,
  ChatMessage,
  Conversation,
  conversationOf,
  DEFAULT_NOTIFY_LEVEL,
  effectiveNotifyLevel,
  isInFuture,
  isRoomId,
  sameConversation,
  textOrFiles,
} from '@chatroom/shared';
import type { Clock } from './clock';
import type { StateStore } from './state';
import { t } from '../platform/i18n';

/** One conversation's desktop notification; a newer one for the same conversation replaces it. */
export interface DesktopNotification {
  conversation: string;
  title: string;
  body: string;
  /** "Reply" and "Mark as read" apply: a conversation's notification, not an announcement's. */
  actions: boolean;
}

export interface NotifierOutputs {
  notify?: (notification: DesktopNotification) => void | Promise<void>;
  /** Takes a conversation's notification away (read here or elsewhere); nothing happens when none is shown. */
  clearNotification?: (conversation: string) => void | Promise<void>;
}

/**
 * Desktop notifications: what a poll brought that asks for the user (Sync decides which entries,
 * by attention.ts) becomes one notification per conversation, replacing the one it showed before,
 * so a burst reads "3 new messages" instead of a stack; reading the conversation takes it away.
 * The user's switch and the account's do-not-disturb hold them back; counts are not its business.
 */
export class Notifier {
  constructor(
    private readonly state: StateStore,
    private readonly clock: Clock,
    private readonly outputs: NotifierOutputs,
  ) {}

  /** Whether notifications may show now: switched on, and no do-not-disturb in force. */
  get allowed(): boolean {
    const { settings, cache } = this.state.current;
    return settings.notifications && !isInFuture(cache.dndUntil ?? null, this.clock.now());
  }

  /** Notifies `entries` (oldest first), one notification per conversation. */
  async show(entries: ChatMessage[], me: string): Promise<void> {
    if (!entries.length || !this.allowed) return;
    const byConversation = new Map<string, ChatMessage[]>();
    for (const entry of entries) {
      const conversation = conversationOf(entry, me);
      byConversation.set(conversation, [...(byConversation.get(conversation) ?? []), entry]);
    }
    const { sync, cache } = this.state.current;
    await Promise.all(
      [...byConversation].map(async ([conversation, burst]) => {
        const known = cache.conversations.find((c) => c.id === conversation);
        // What waits there for the user, as the badge counts it (a burst counted nowhere yet: itself).
        const waiting =
          badgeCount(
            {
              unread: sync.unread[conversation] ?? 0,
              mentions: sync.mentions[conversation] ?? 0,
              notify: known?.notify ?? DEFAULT_NOTIFY_LEVEL,
              muted_until: known?.muted_until ?? null,
            },
            this.clock.now(),
          ) || burst.length;
        await this.outputs.notify?.(notificationFor(conversation, burst, waiting, known, me, this.clock.now()));
      }),
    );
  }

  async cleared(conversation: string): Promise<void> {
    await this.outputs.clearNotification?.(conversation);
  }
}

/**
 * A conversation's notification for the newest entry of a burst: the message itself when it is the
 * only one waiting, else how many wait ("3 new messages", or "new mentions" where only mentions
 * count) above the newest.
 */
export function notificationFor(
  conversation: string,
  burst: ChatMessage[],
  waiting: number,
  known: Conversation | undefined,
  me: string,
  now: number,
): DesktopNotification {
  const newest = burst[burst.length - 1];
  if (!newest) throw new Error('A notification needs at least one entry.');
  if (conversation === ANNOUNCEMENTS_CONVERSATION) return { conversation, title: t('notifyAnnouncement'), body: newest.message, actions: false };
  const room = isRoomId(conversation) ? (known?.name ?? conversation) : null;
  if (waiting <= 1) {
    const mentioned = (newest.kind === 'edit' ? newest.new_mentions : newest.mentions)?.some((name) => sameConversation(name, me)) ?? false;
    const title = room === null ? newest.sender : mentioned ? t('notifyMentionedIn', newest.sender, room) : t('notifyIn', newest.sender, room);
    return { conversation, title, body: textOrFiles(newest), actions: true };
  }
  const level = effectiveNotifyLevel(known?.notify ?? DEFAULT_NOTIFY_LEVEL, known?.muted_until ?? null, now);
  const latest = room === null ? textOrFiles(newest) : `${newest.sender}: ${textOrFiles(newest)}`;
  return { conversation, title: room ?? newest.sender, body: `${t(level === 'mentions' ? 'notifyNewMentions' : 'notifyNewMessages', String(waiting))}\n${latest}`, actions: true };
}
