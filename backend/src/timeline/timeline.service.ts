import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { ChatMessage } from '@chatroom/shared';
import type { Transaction } from 'kysely';
import { Observable, Subject } from 'rxjs';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { EventBus } from '../events/event-bus';
import { lockMessageIds, tryJobLock } from '../storage/locks';
import { Metrics } from '../metrics/metrics';
import { DATABASE, Database, DatabaseSchema } from '../storage/schema';
import { isDirectConversation, NewTimelineMessage, toChatMessage } from './timeline-message';
import { TimelineRepository } from './timeline.repository';
import { ExpiryStep, TimelineWriter } from './timeline-writer';

const KNOWN_DIRECT_MAX = 100_000;
/** The counters row up to which retention has walked the history: every entry up to it is dealt with. */
const RETENTION_WALKED_TO = 'retention_walked_id';

export type Audience = string[] | 'everyone';
/**
 * Who can see a message. A function is called inside the transaction, after the message got its
 * id: membership read then cannot change before the commit.
 */
export type AudienceSource = Audience | ((trx: Transaction<DatabaseSchema>) => Promise<Audience>);
export type Appender = (message: NewTimelineMessage, audience: AudienceSource) => Promise<ChatMessage>;
/** Told, once committed, of chat messages erased (deleted, expired, or their deleted account's). */
export type ErasedListener = (messageIds: number[]) => void;

/**
 * The one way into the messages table: chat messages, room events, announcements, and the edits,
 * deletes and reactions that change a message all get their id here, inside the caller's
 * transaction, and wake waiting long-polls once committed. Reads go to TimelineRepository directly.
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
  private readonly erasedListeners: ErasedListener[] = [];
  private readonly committed = new Subject<void>();
  /** Emits after each commit that appended messages (the search indexer follows it, in the server only). */
  readonly appended$: Observable<void> = this.committed.asObservable();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(DATABASE) private readonly db: Database,
    private readonly repository: TimelineRepository,
    private readonly writer: TimelineWriter,
    private readonly bus: EventBus,
    private readonly metrics: Metrics,
  ) {
    this.numbersInMemory = config.database.driver === 'sqlite';
  }

  async onModuleInit(): Promise<void> {
    this.lastPublishedId = this.lastIssuedId = await this.repository.lastId(this.db);
  }

  /**
   * Calls `listener` after each commit that erased chat messages, on this instance: what is kept
   * beside a message (its files) can go once the message no longer refers to it.
   */
  onErased(listener: ErasedListener): void {
    this.erasedListeners.push(listener);
  }

  private erased(messageIds: number[]): void {
    if (messageIds.length === 0) return;
    for (const listener of this.erasedListeners) listener(messageIds);
  }

  /**
   * Runs `work` in one transaction; the messages it appended are announced to their audiences
   * only after the commit, so a woken poller always finds them.
   *
   * `checked`: the work decides from what it reads whether and what to append (check-then-append).
   * It then first takes the message-id lock where several writers share the database (instances on
   * PostgreSQL), so that nothing it read can change before it commits; a single SQLite process runs
   * one transaction at a time already.
   */
  async transaction<T>(work: (trx: Transaction<DatabaseSchema>, append: Appender) => Promise<T>, { checked = false } = {}): Promise<T> {
    const appended: { message: ChatMessage; audience: Audience }[] = [];
    const directKeys: string[] = [];
    let issued = 0;
    let result: T;
    try {
      result = await this.db.transaction().execute(async (trx) => {
        if (checked && !this.numbersInMemory) await lockMessageIds(trx);
        return work(trx, async (message, audienceSource) => {
          const id = this.numbersInMemory ? ++this.lastIssuedId : await this.writer.nextId(trx);
          issued++;
          const row = await this.writer.insert(trx, id, message, new Date().toISOString());
          // An edit, delete or reaction joins its message's conversation, whose users are recorded already.
          if (!message.relatesTo && isDirectConversation(row.conversation) && !this.knownDirect.has(row.conversation)) {
            await this.writer.addDirectParticipants(trx, row.conversation, [message.sender, message.recipient]);
            directKeys.push(row.conversation);
          }
          const audience = typeof audienceSource === 'function' ? await audienceSource(trx) : audienceSource;
          const chatMessage = toChatMessage(row, message.replyTo);
          appended.push({ message: chatMessage, audience });
          return chatMessage;
        });
      });
    } catch (error) {
      // Rolled back: the ids go back, so that none is missing (SQLite runs one transaction at a
      // time, so these were the last ones handed out).
      if (this.numbersInMemory) this.lastIssuedId -= issued;
      throw error;
    }
    for (const key of directKeys) this.rememberDirect(key);
    if (appended.length > 0) this.committed.next();
    this.erased(appended.flatMap(({ message }) => (message.kind === 'delete' && message.relates_to !== undefined ? [message.relates_to] : [])));
    for (const { message } of appended) this.metrics.stored(message.kind);
    if (this.bus.deliversMessagesInIdOrder) {
      for (const entry of appended) this.unpublished.set(entry.message.id, entry);
      await this.publishInOrder();
    } else {
      for (const { message, audience } of appended) await this.bus.publish({ type: 'message', id: message.id, audience });
    }
    return result;
  }

  /**
   * Erases the text of every message `sender` sent, in place (TimelineWriter.eraseTextOf); the
   * number erased. Nothing is appended: clients see the empty text when they next read the messages.
   */
  async eraseTextOf(sender: string): Promise<number> {
    const erased = await this.writer.eraseTextOf(this.db, sender, new Date().toISOString());
    this.erased(erased);
    await this.bus.publish({ type: 'messages_erased', sender });
    return erased.length;
  }

  /**
   * One step of retention, in one transaction: erases, as a delete does, the chat messages sent
   * before `before` among the `limit` entries after the watermark (`counters.retention_walked_id`,
   * TimelineWriter.expiring), and moves the watermark past them, so a run (and a restart) goes on
   * where the last one stopped. Nothing is appended; the erased messages read as deleted from then
   * on. Undefined when another instance is taking a step (PostgreSQL): the walk is its to finish.
   */
  async expire(before: string, limit: number): Promise<ExpiryStep | undefined> {
    const step = await this.db.transaction().execute(async (trx) => {
      if (!this.numbersInMemory && !(await tryJobLock(trx, 'retention'))) return undefined;
      const mark = await trx.selectFrom('counters').select('value').where('name', '=', RETENTION_WALKED_TO).executeTakeFirstOrThrow();
      const found = await this.writer.expiring(trx, mark.value, before, limit);
      // An edit or a reaction checks under this lock that its message is not deleted: none slips in beside the erase.
      if (found.erased.length > 0 && !this.numbersInMemory) await lockMessageIds(trx);
      const erased = await this.writer.eraseLive(trx, found.erased, new Date().toISOString());
      if (found.walkedTo !== mark.value) await trx.updateTable('counters').set({ value: found.walkedTo }).where('name', '=', RETENTION_WALKED_TO).execute();
      return { ...found, erased };
    });
    if (step) this.erased(step.erased);
    if (step && step.erased.length > 0) await this.bus.publish({ type: 'messages_expired', ids: step.erased });
    return step;
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
}
