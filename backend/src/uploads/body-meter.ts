import type { IncomingMessage } from 'node:http';
import { Transform, TransformCallback } from 'node:stream';

/** The errors a metered body fails with. */
export interface BodyRefusals {
  /** The body went past the limit. */
  tooLarge: () => Error;
  /** The client went away before the end of the body. */
  incomplete: () => Error;
}

/**
 * Passes a request body on while counting it: it fails as soon as the body goes past `limit`
 * bytes, whatever Content-Length said (or without one), and keeps the first `headMax` bytes for
 * telling the file's type.
 */
export class BodyMeter extends Transform {
  bytes = 0;
  private readonly headParts: Buffer[] = [];
  private headBytes = 0;

  constructor(
    private readonly limit: number,
    private readonly headMax: number,
    private readonly refusals: BodyRefusals,
  ) {
    super();
  }

  get head(): Buffer {
    return Buffer.concat(this.headParts);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) {
      callback(this.refusals.tooLarge());
      return;
    }
    if (this.headBytes < this.headMax) {
      const part = chunk.subarray(0, this.headMax - this.headBytes);
      this.headParts.push(part);
      this.headBytes += part.length;
    }
    callback(null, chunk);
  }

  /**
   * The request's body through a meter. When the meter refuses the body, the rest of it is read and
   * dropped, so the client, still sending, gets the answer rather than a reset connection (the
   * server's request timeout bounds how long). A client that goes away fails the meter.
   */
  static of(request: IncomingMessage, meter: BodyMeter): BodyMeter {
    const wentAway = () => {
      if (!request.complete) meter.destroy(meter.refusals.incomplete());
    };
    // It may have gone while the upload was being checked.
    if (request.destroyed) {
      wentAway();
      return meter;
    }
    request.pipe(meter);
    request.once('error', wentAway);
    request.once('close', wentAway);
    meter.once('error', () => {
      request.unpipe(meter);
      request.resume();
    });
    return meter;
  }
}
