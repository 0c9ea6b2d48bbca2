import { Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Subject } from 'rxjs';
import type { Database } from '../storage/schema';
import type { ClusterEvent } from './cluster-event';
import { EventBus } from './event-bus';
import { InProcessEventBus } from './in-process-event-bus';

type Publishable = Parameters<EventBus['publish']>[0];

/** How often a server on SQLite looks for events from the admin command line. */
const RELAY_READ_MS = 500;
/** A row that asks only whether a server reads the relay: it deletes it like any other. */
const RELAY_PROBE = '"probe"';

/**
 * A server on SQLite keeps its events in the process, but the admin command line is another
 * process on the same file: what it publishes (sessions it ended, a new announcement) goes into the
 * `relayed_events` table, which the server reads every half second, passes to its own subscribers,
 * and empties. Messages are never relayed: on SQLite only the server appends them (it numbers them
 * in memory), so the command line refuses to while a server runs (`serverReading`).
 */
export class SqliteEventBus extends InProcessEventBus implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(SqliteEventBus.name);
  private lastReadId = 0;
  private timer?: NodeJS.Timeout;
  private reading = false;

  constructor(private readonly db: Database) {
    super();
  }

  /** What was relayed while no server ran concerned sessions and caches that a start begins without. */
  async onModuleInit(): Promise<void> {
    const row = await this.db.selectFrom('relayed_events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
    this.lastReadId = row?.id ?? 0;
    await this.db.deleteFrom('relayed_events').where('id', '<=', this.lastReadId).execute();
    this.timer = setInterval(() => void this.read(), RELAY_READ_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Never throws: a failed read is tried again at the next tick. */
  private async read(): Promise<void> {
    if (this.reading) return;
    this.reading = true;
    try {
      const rows = await this.db.selectFrom('relayed_events').select(['id', 'payload']).where('id', '>', this.lastReadId).orderBy('id').execute();
      for (const row of rows) {
        this.lastReadId = row.id;
        if (row.payload !== RELAY_PROBE) await this.publish(JSON.parse(row.payload) as Publishable);
      }
      if (rows.length > 0) await this.db.deleteFrom('relayed_events').where('id', '<=', this.lastReadId).execute();
    } catch (error) {
      this.logger.warn(`Could not read relayed events: ${String(error)}`);
    } finally {
      this.reading = false;
    }
  }
}

/** The admin command line's bus on SQLite: its own subscribers hear every event, a running server those it relays. */
export class SqliteRelayPublisher extends EventBus {
  private readonly subject = new Subject<ClusterEvent>();
  readonly events$ = this.subject.asObservable();

  constructor(private readonly db: Database) {
    super();
  }

  async publish(event: Publishable): Promise<void> {
    this.subject.next(event);
    if (event.type === 'message') return;
    await this.db.insertInto('relayed_events').values({ payload: JSON.stringify(event) }).execute();
  }

  /**
   * At once, as on a single server: the running server reads the relay within RELAY_READ_MS, and
   * nothing tells the command line when it has.
   */
  override delivered(): Promise<void> {
    return Promise.resolve();
  }

  /**
   * Whether a server reads this database's relay right now: a probe it would delete within a few
   * of its reads. False when nobody took it (and the probe is removed again).
   */
  async serverReading(waitMs = 4 * RELAY_READ_MS): Promise<boolean> {
    const { id } = await this.db.insertInto('relayed_events').values({ payload: RELAY_PROBE }).returning('id').executeTakeFirstOrThrow();
    const deadline = Date.now() + waitMs;
    for (;;) {
      const probe = await this.db.selectFrom('relayed_events').select('id').where('id', '=', id).executeTakeFirst();
      if (!probe) return true;
      if (Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, RELAY_READ_MS / 5));
    }
    await this.db.deleteFrom('relayed_events').where('id', '=', id).execute();
    return false;
  }
}
