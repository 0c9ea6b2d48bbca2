import { Agent, request as httpRequest } from 'node:http';
import { connect, Socket } from 'node:net';
import type { Json } from './api';

export interface RawAnswer {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** Parsed JSON when the body is JSON, else the text. */
  body: Json;
}

/** Splits an HTTP/1.1 answer as it came off the wire (a Content-Length body, as the server sends). */
export function parseRawAnswer(text: string): RawAnswer {
  const headEnd = text.indexOf('\r\n\r\n');
  if (headEnd < 0) throw new Error(`not an HTTP answer: ${JSON.stringify(text.slice(0, 200))}`);
  const [statusLine = '', ...lines] = text.slice(0, headEnd).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const raw = text.slice(headEnd + 4);
  let body: Json = raw;
  try {
    body = JSON.parse(raw);
  } catch {
    // Not JSON: the test sees the text.
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}

/** A connection the test writes bytes to by hand; `closed` settles when the server closes it. */
export interface RawConnection {
  socket: Socket;
  /** Everything the server sent so far. */
  received(): string;
  closed: Promise<void>;
}

export async function openRawConnection(port: number): Promise<RawConnection> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  // A reset after the answer is one way for the server to close: the answer is what the test checks.
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { socket, received: () => received, closed };
}

/** Writes `data` on a new connection and reads until the server closes it (within `timeoutMs`). */
export async function rawExchange(port: number, data: string, timeoutMs = 10_000): Promise<RawAnswer> {
  const connection = await openRawConnection(port);
  connection.socket.write(data);
  const timer = setTimeout(() => connection.socket.destroy(new Error('the server did not close the connection')), timeoutMs);
  await connection.closed;
  clearTimeout(timer);
  return parseRawAnswer(connection.received());
}

export interface KeptAliveAnswer {
  status?: number;
  body?: Json;
  headers?: Record<string, string | string[] | undefined>;
  /** Whether the request went over a connection an earlier request had used. */
  reusedConnection?: boolean;
  /** Set when no answer came: the connection was refused or closed first. */
  error?: string;
}

/**
 * One request through `agent` (keep-alive, so requests reuse one connection as a browser would);
 * never throws. A body is sent with Content-Length, or `chunked` without one.
 */
export function keptAliveRequest(
  agent: Agent,
  port: number,
  method: string,
  path: string,
  { token, body, chunked = false }: { token?: string; body?: unknown; chunked?: boolean } = {},
): Promise<KeptAliveAnswer> {
  return new Promise((resolve) => {
    const json = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string | number> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (json !== undefined) {
      headers['content-type'] = 'application/json';
      if (!chunked) headers['content-length'] = Buffer.byteLength(json);
    }
    const request = httpRequest({ agent, host: '127.0.0.1', port, method, path, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        let parsed: Json = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // Not JSON: the test sees the text.
        }
        resolve({ status: response.statusCode, body: parsed, headers: response.headers, reusedConnection: request.reusedSocket });
      });
      response.on('error', (error) => resolve({ error: error.message }));
    });
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    request.end(json);
  });
}
