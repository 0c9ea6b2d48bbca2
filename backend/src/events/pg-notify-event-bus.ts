import { Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { Client } from 'pg';
import { Subject } from 'rxjs';
import { currentSchema } from '../storage/database.factory';
import type { Database } from '../storage/schema';
import type { ClusterEvent } from './cluster-event';
import { EventBus } from './event-bus';
import { pack, parseEnvelope } from './notify-envelope';

const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 5_000;
/** How long `delivered` waits for this instance's own NOTIFYs to come back (longer: the listener is reconnecting). */
const ECHO_WAIT_MS = 2_000;

type Publishable = Parameters<EventBus['publish']>[0];

/**
 * The bus of a cluster on PostgreSQL: LISTEN/NOTIFY, so instances need nothing beyond the
 * database they already share.
 *
 * Own events reach local subscribers at once, without the round trip. Events are NOTIFYed one
 * batch at a time, so the order of publish calls is the order every instance sees. Each payload
 * carries the instance's id and a sequence number: a receiver that finds a number missing (a
 * NOTIFY that failed) or that had to reconnect its listening connection raises `resync`.
 */
export class PgNotifyEventBus extends EventBus implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(PgNotifyEventBus.name);
  private readonly subject = new Subject<ClusterEvent>();
  readonly events$ = this.subject.asObservable();

  private readonly source = randomUUID();
  private seq = 0;
  private readonly lastSeqBySource = new Map<string, number>();
  /** The newest of this instance's own payloads its listener has heard back. */
  private echoedSeq = 0;
  private readonly echoWaiters = new Set<{ seq: number; done: () => void }>();
  private readonly queue: { event: Publishable; sent: () => void }[] = [];
  private sending = false;

  private channel = '';
  private listener?: Client;
  private reconnectDelayMs = RECONNECT_MIN_MS;
  private reconnectTimer?: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly connectionString: string,
    private readonly db: Database,
  ) {
    super();
  }

  /** Start-up waits for the first LISTEN: an instance must not serve polls it cannot wake. */
  async onModuleInit(): Promise<void> {
    this.channel = channelFor(await currentSchema(this.db));
    await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    await this.listener?.end().catch(() => undefined);
  }

  publish(event: Publishable): Promise<void> {
    this.subject.next(event);
    return new Promise((sent) => {
      this.queue.push({ event, sent });
      void this.drain();
    });
  }

  /**
   * PostgreSQL signals every listening connection of a NOTIFY at its commit: once this instance's
   * own listener has heard its payloads back, the other instances' listeners have been sent them too.
   */
  override delivered(): Promise<void> {
    const seq = this.seq;
    if (this.echoedSeq >= seq) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter = {
        seq,
        done: () => {
          clearTimeout(timer);
          this.echoWaiters.delete(waiter);
          resolve();
        },
      };
      const timer = setTimeout(waiter.done, ECHO_WAIT_MS);
      this.echoWaiters.add(waiter);
    });
  }

  private async drain(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0);
        const payloads = pack(this.source, batch.map((item) => item.event), () => ++this.seq);
        try {
          for (const payload of payloads) await sql`select pg_notify(${this.channel}, ${payload})`.execute(this.db);
        } catch (error) {
          // The events are committed already; the other instances see the gap in the sequence
          // with the next payload and resync, so the publisher need not fail.
          this.logger.error(`NOTIFY failed: ${String(error)}`);
        }
        for (const item of batch) item.sent();
      }
    } finally {
      this.sending = false;
    }
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.connectionString, keepAlive: true, application_name: 'chatroom-listen' });
    client.on('notification', (message) => {
      if (message.channel === this.channel && message.payload) this.receive(message.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.listener = client;
    this.reconnectDelayMs = RECONNECT_MIN_MS;
  }

  private lost(client: Client, error?: Error): void {
    if (this.closed || this.listener !== client) return;
    this.listener = undefined;
    this.logger.warn(`Lost the LISTEN connection${error ? `: ${error.message}` : ''}; reconnecting`);
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.reconnectTimer = setTimeout(() => void this.reconnect(), this.reconnectDelayMs);
  }

  /** Never rejects: a failed attempt schedules the next one. */
  private async reconnect(): Promise<void> {
    try {
      await this.listen();
      // Whatever was NOTIFYed while nobody listened here is gone.
      this.lastSeqBySource.clear();
      this.subject.next({ type: 'resync' });
    } catch (error) {
      if (this.closed) return;
      this.logger.warn(`LISTEN reconnect failed: ${String(error)}`);
      this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, RECONNECT_MAX_MS);
      this.scheduleReconnect();
    }
  }

  private receive(payload: string): void {
    const envelope = parseEnvelope(payload);
    if (!envelope) return;
    if (envelope.source === this.source) {
      this.echoedSeq = Math.max(this.echoedSeq, envelope.seq);
      for (const waiter of this.echoWaiters) if (waiter.seq <= this.echoedSeq) waiter.done();
      return;
    }
    const last = this.lastSeqBySource.get(envelope.source);
    this.lastSeqBySource.set(envelope.source, envelope.seq);
    if (last !== undefined && envelope.seq !== last + 1) this.subject.next({ type: 'resync' });
    for (const event of envelope.events) this.subject.next(event);
  }
}

/**
 * One channel per schema, so deployments (or test runs) sharing a database in separate schemas
 * never hear each other. Channel names are identifiers: at most 63 bytes.
 */
export function channelFor(schema: string): string {
  const channel = `chatroom_events_${schema}`;
  return Buffer.byteLength(channel) <= 63 && !channel.includes('"')
    ? channel
    : `chatroom_events_${createHash('sha256').update(schema).digest('hex').slice(0, 32)}`;
}
