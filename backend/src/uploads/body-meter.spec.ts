import { PassThrough, Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { BodyMeter } from './body-meter';

const refusals = { tooLarge: () => new Error('too large'), incomplete: () => new Error('went away') };

async function drain(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

/** A stand-in request: a stream with `complete` set once it ends. */
function request(parts: Buffer[]): IncomingMessage {
  const body = Object.assign(new PassThrough(), { complete: false });
  body.on('end', () => (body.complete = true));
  for (const part of parts) body.write(part);
  body.end();
  return body as unknown as IncomingMessage;
}

describe('BodyMeter', () => {
  it('passes the body on, counts it and keeps its head', async () => {
    const meter = BodyMeter.of(request([Buffer.from('hello '), Buffer.from('world')]), new BodyMeter(100, 8, refusals));
    expect((await drain(meter)).toString()).toBe('hello world');
    expect(meter.bytes).toBe(11);
    expect(meter.head.toString()).toBe('hello wo');
  });

  it('fails as soon as the body passes the limit, and drops the rest of it', async () => {
    const source = request([Buffer.alloc(60), Buffer.alloc(60), Buffer.alloc(60)]);
    const meter = BodyMeter.of(source, new BodyMeter(100, 8, refusals));
    await expect(drain(meter)).rejects.toThrow('too large');
    if (!source.complete) await new Promise((resolve) => source.once('end', resolve));
    expect(source.complete).toBe(true);
  });

  it('fails when the client goes away halfway', async () => {
    const source = Object.assign(new PassThrough(), { complete: false });
    const meter = BodyMeter.of(source as unknown as IncomingMessage, new BodyMeter(100, 8, refusals));
    source.write(Buffer.alloc(10));
    source.destroy();
    await expect(drain(meter)).rejects.toThrow(/went away/);
  });

  it('fails at once when the client went away before the body was read', async () => {
    const source = Object.assign(new PassThrough(), { complete: false });
    source.destroy();
    await expect(drain(BodyMeter.of(source as unknown as IncomingMessage, new BodyMeter(100, 8, refusals)))).rejects.toThrow(/went away/);
  });
});
