import type { ClusterEvent } from './cluster-event';

/**
 * PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; the envelope leaves room below that
 * for its own fields.
 */
export const MAX_PAYLOAD_BYTES = 7999;
const MAX_EVENTS_BYTES = MAX_PAYLOAD_BYTES - 200;

/** One NOTIFY payload: events from one instance (`source`), numbered so receivers notice a gap. */
export interface Envelope {
  source: string;
  seq: number;
  events: ClusterEvent[];
}

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

/**
 * Splits a message event whose audience does not fit one payload into several events for the
 * same id, each naming part of the audience: waking is per user, so the parts together wake
 * exactly whom the whole would have.
 */
export function splitToFit(event: ClusterEvent): ClusterEvent[] {
  if (bytes(event) <= MAX_EVENTS_BYTES || event.type !== 'message' || event.audience === 'everyone') return [event];
  const base = bytes({ ...event, audience: [] });
  const parts: ClusterEvent[] = [];
  let audience: string[] = [];
  let size = base;
  for (const username of event.audience) {
    const added = bytes(username) + 1;
    if (audience.length > 0 && size + added > MAX_EVENTS_BYTES) {
      parts.push({ ...event, audience });
      audience = [];
      size = base;
    }
    audience.push(username);
    size += added;
  }
  if (audience.length > 0) parts.push({ ...event, audience });
  return parts;
}

/** Packs events, in order, into as few payloads as fit; `nextSeq` numbers them. */
export function pack(source: string, events: ClusterEvent[], nextSeq: () => number): string[] {
  const payloads: string[] = [];
  let batch: ClusterEvent[] = [];
  let size = 0;
  const close = () => {
    if (batch.length === 0) return;
    payloads.push(JSON.stringify({ source, seq: nextSeq(), events: batch } satisfies Envelope));
    batch = [];
    size = 0;
  };
  for (const event of events.flatMap(splitToFit)) {
    const added = bytes(event) + 1;
    if (size + added > MAX_EVENTS_BYTES) close();
    batch.push(event);
    size += added;
  }
  close();
  return payloads;
}

export function parseEnvelope(payload: string): Envelope | undefined {
  try {
    const envelope = JSON.parse(payload) as Envelope;
    if (typeof envelope.source === 'string' && Number.isInteger(envelope.seq) && Array.isArray(envelope.events)) return envelope;
  } catch {
    // Not ours (someone else NOTIFYing on the channel): ignored below.
  }
  return undefined;
}
