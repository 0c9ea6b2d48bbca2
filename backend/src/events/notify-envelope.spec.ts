import { MAX_PAYLOAD_BYTES, pack, parseEnvelope, splitToFit } from './notify-envelope';

describe('NOTIFY payloads', () => {
  const bigRoom = Array.from({ length: 1000 }, (_, i) => `member_${i}_ünïcode`);

  it('splits a message event whose audience is too large, keeping every member once', () => {
    const parts = splitToFit({ type: 'message', id: 7, audience: bigRoom });
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.flatMap((part) => (part.type === 'message' && Array.isArray(part.audience) ? part.audience : []))).toEqual(bigRoom);
    expect(parts.every((part) => part.type === 'message' && part.id === 7)).toBe(true);
  });

  it('packs events in order into payloads under the PostgreSQL limit, numbered consecutively', () => {
    let seq = 41;
    const events = [
      { type: 'token_revoked' as const, tokenHash: 'abc', username: 'alice' },
      { type: 'message' as const, id: 1, audience: bigRoom },
      { type: 'announcement_changed' as const },
    ];
    const payloads = pack('source-1', events, () => ++seq);
    expect(payloads.every((payload) => Buffer.byteLength(payload) < MAX_PAYLOAD_BYTES)).toBe(true);
    const envelopes = payloads.map((payload) => parseEnvelope(payload)!);
    expect(envelopes.map((envelope) => envelope.seq)).toEqual(envelopes.map((_, i) => 42 + i));
    const received = envelopes.flatMap((envelope) => envelope.events);
    expect(received[0]).toEqual(events[0]);
    expect(received.at(-1)).toEqual(events[2]);
  });

  it('ignores payloads that are not envelopes', () => {
    expect(parseEnvelope('hello')).toBeUndefined();
    expect(parseEnvelope('{"source":1}')).toBeUndefined();
  });
});
