import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { ChatMessage } from '@chatroom/shared';
import type { Transaction } from 'kysely';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { EventBus } from '../events/event-bus';
import { DATABASE, Database, DatabaseSchema } from '../storage/schema';
import { isDirectConversation, NewTimelineMessage, toChatMessage } from './timeline-message';
import { RoomVisibility, TimelineRepository } from './timeline.repository';

const KNOWN_DIRECT_MAX = 100_000;

export type Audience = string[] | 'everyone';
/**
 * Who can see a message. A function is called inside the transaction, after the message got its
 * id: membership read then cannot change before the commit.
 */
export type AudienceSource = Audience | ((trx: Transaction<DatabaseSchema>) => Promise<Audience>);
export type Appender = (message: NewTimelineMessage, audience: AudienceSource) => Promise<ChatMessage>;

/**
 * The one way into the messages table: chat messages, room events and announcements all get
 * their id here, inside the caller's transaction, and wake waiting long-polls once committed.
 */
@Injectable()
export class TimelineService implements OnModuleInit {
  /** DM keys already recorded for both users: most DMs continue a conversation, and skip that write. */
  private readonly knownDirect = new Set<string>();
  /** Committed messages waiting for the ones before them to be published. */
  private readonly unpublished = new Map<number, { message: ChatMessage; audience: Audience }>();
  private lastPublishedId = 0;
  /**
   * On SQLite one process writes every message, one transaction at a time: it numbers them in
   * memory rather than through the counter row, which cost a quarter of each send's database time.
   */
  private readonly numbersInMemory: boolean;
  private lastIssuedId = 0;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(DATABASE) private readonly db: Database,
    private readonly repository: TimelineRepository,
    private readonly bus: EventBus,
  ) {
    this.numbersInMemory = config.database.driver === 'sqlite';
  }

  async onModuleInit(): Promise<void> {
    this.lastPublishedId = this.lastIssuedId = await this.repository.lastId(this.db);
  }

  /**
   * Runs `work` in one transaction; the messages it appended are announced to their audiences
   * only after the commit, so a woken poller always finds them.
   */
  async transaction<T>(work: (trx: Transaction<DatabaseSchema>, append: Appender) => Promise<T>): Promise<T> {
    const appended: { message: ChatMessage; audience: Audience }[] = [];
    const directKeys: string[] = [];
    let issued = 0;
    let result: T;
    try {
      result = await this.db.transaction().execute((trx) =>
        work(trx, async (message, audienceSource) => {
          const id = this.numbersInMemory ? ++this.lastIssuedId : await this.repository.nextId(trx);
          issued++;
          const row = await this.repository.insert(trx, id, message, new Date().toISOString());
          if (isDirectConversation(row.conversation) && !this.knownDirect.has(row.conversation)) {
            await this.repository.addDirectParticipants(trx, row.conversation, [message.sender, message.recipient]);
            directKeys.push(row.conversation);
          }
          const audience = typeof audienceSource === 'function' ? await audienceSource(trx) : audienceSource;
          const chatMessage = toChatMessage(row);
          appended.push({ message: chatMessage, audience });
          return chatMessage;
        }),
      );
    } catch (error) {
      // Rolled back: the ids go back, so that none is missing (SQLite runs one transaction at a
      // time, so these were the last ones handed out).
      if (this.numbersInMemory) this.lastIssuedId -= issued;
      throw error;
    }
    for (const key of directKeys) this.rememberDirect(key);
    if (this.bus.deliversMessagesInIdOrder) {
      for (const entry of appended) this.unpublished.set(entry.message.id, entry);
      await this.publishInOrder();
    } else {
      for (const { message, audience } of appended) await this.bus.publish({ type: 'message', id: message.id, audience });
    }
    return result;
  }

  /**
   * With one writer, ids are handed out without gaps and committed in order, but the code after
   * two commits may run in either order: publishing strictly by id keeps the bus's promise.
   */
  private async publishInOrder(): Promise<void> {
    for (;;) {
      const next = this.unpublished.get(this.lastPublishedId + 1);
      if (!next) return;
      this.unpublished.delete(next.message.id);
      this.lastPublishedId = next.message.id;
      await this.bus.publish({ type: 'message', id: next.message.id, audience: next.audience, message: next.message });
    }
  }

  private rememberDirect(conversation: string): void {
    if (this.knownDirect.size >= KNOWN_DIRECT_MAX) this.knownDirect.clear();
    this.knownDirect.add(conversation);
  }

  /** The id of the newest message stored. */
  lastId(): Promise<number> {
    return this.repository.lastId(this.db);
  }

  async findByClientId(sender: string, clientId: string): Promise<ChatMessage | undefined> {
    const row = await this.repository.findByClientId(sender, clientId);
    return row && toChatMessage(row);
  }

  /** The latest announcement message, read inside a transaction so that check and append are one step. */
  async latestAnnouncementIn(trx: Transaction<DatabaseSchema>): Promise<ChatMessage | undefined> {
    const row = await this.repository.latestAnnouncement(trx);
    return row && toChatMessage(row);
  }

  async visibleAfter(reader: string, afterId: number, limit: number, rooms: RoomVisibility): Promise<ChatMessage[]> {
    return (await this.repository.visibleAfter(reader, afterId, limit, rooms)).map(toChatMessage);
  }

  async page(conversation: string, fromId: number, beforeId: number, limit: number): Promise<ChatMessage[]> {
    return (await this.repository.page(conversation, fromId, beforeId, limit)).map(toChatMessage);
  }

  async lastInConversation(conversation: string, fromId: number, toId: number | null): Promise<ChatMessage | undefined> {
    const row = await this.repository.lastInConversation(conversation, fromId, toId);
    return row && toChatMessage(row);
  }

  countUnread(conversation: string, reader: string, afterId: number, cap: number): Promise<number> {
    return this.repository.countUnread(conversation, reader, afterId, cap);
  }

  /** Keys of the DMs `username` takes part in. */
  directConversationsOf(username: string): Promise<string[]> {
    return this.repository.directConversationsOf(username);
  }
}
