import { Inject, Injectable } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { DestinationStream, Logger } from 'pino';
import pretty from 'pino-pretty';
import type { AppConfig } from '../config/app-config';
import { Metrics } from '../metrics/metrics';

/** The application's pino logger: Nest's own lines, errors and the request lines all go through it. */
export const APP_LOGGER = Symbol('APP_LOGGER');

/**
 * Logs to stdout through a buffer written asynchronously: a line costs the request thread a
 * serialisation, not a system call. The buffer goes out once it holds a few KB, at least every
 * second, and synchronously when the process exits (pino registers that flush for asynchronous
 * destinations), so a clean stop loses nothing; a SIGKILL may lose the last second. On a terminal
 * (or with LOG_FORMAT=pretty) lines are made readable by pino-pretty instead, written as they come.
 */
export function createAppLogger(config: AppConfig, terminal = process.stdout.isTTY): Logger {
  if (config.logFormat === 'pretty' || (config.logFormat === undefined && terminal)) {
    return pino({ level: config.logLevel }, pretty({ destination: 1, colorize: terminal, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' }));
  }
  const buffer = pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 1000, contentMode: 'buffer' });
  // In its text mode, the buffer measures its pending text at every line, which copies all of it
  // into one string each time: a line cost a copy of everything still buffered. Lines handed over
  // as bytes are only queued, and joined once per write.
  const bytes = buffer as unknown as { write(line: Buffer): boolean; flushSync(): void };
  const lines: DestinationStream & { flushSync(): void } = {
    write: (line: string) => bytes.write(Buffer.from(line)),
    flushSync: () => bytes.flushSync(),
  };
  return pino({ level: config.logLevel }, lines);
}

/** Query parameters that may carry a secret; their values never reach the logs. */
const SECRET_PARAMS = /([?&][^=&]*token=)[^&#]*/gi;

/**
 * One line per answered request, the same for every path: method, URL, status and milliseconds
 * taken; no headers (they carry tokens and cost serialisation). Request lines are `info`, or `error`
 * for 5xx; below `info` nothing per request is logged or even timed.
 */
@Injectable()
export class RequestLog {
  readonly enabled: boolean;
  private readonly logging: boolean;

  constructor(
    @Inject(APP_LOGGER) private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {
    this.logging = logger.isLevelEnabled('info');
    this.enabled = this.logging || metrics.enabled;
  }

  /** When a request started, for `line`: read only while lines are written or metrics kept. */
  started(): number {
    return this.enabled ? Date.now() : 0;
  }

  /** Logs the line of a request answered with `status`, now, and counts it in the metrics. */
  line(request: IncomingMessage, status: number, started: number): void {
    if (!this.enabled) return;
    const url = request.url ?? '';
    const elapsedMs = Date.now() - started;
    if (this.metrics.enabled) {
      const queryStart = url.indexOf('?');
      this.metrics.request(request.method ?? '', queryStart < 0 ? url : url.slice(0, queryStart), status, elapsedMs / 1000);
    }
    if (!this.logging) return;
    const entry = {
      method: request.method,
      url: /token=/i.test(url) ? url.replace(SECRET_PARAMS, '$1[redacted]') : url,
      status,
      responseTime: elapsedMs,
    };
    if (status >= 500) this.logger.error(entry, 'request');
    else this.logger.info(entry, 'request');
  }

  /** Logs the line of a request answered by someone else (Express) once its answer is sent. */
  track(request: IncomingMessage, response: ServerResponse): void {
    if (!this.enabled) return;
    const started = Date.now();
    response.once('finish', () => this.line(request, response.statusCode, started));
  }
}
