import { Inject, Injectable } from '@nestjs/common';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { APP_CONFIG, AppConfig } from '../config/app-config';

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

const EXTENSION_ORIGIN = /^(chrome|moz|safari-web)-extension:\/\/[^/]+$/;

/** Browser-extension origins always; web origins when listed in CORS_ORIGINS. */
export function isAllowedOrigin(config: AppConfig, origin: string | undefined): boolean {
  return !origin || EXTENSION_ORIGIN.test(origin) || config.corsOrigins.includes('*') || config.corsOrigins.includes(origin);
}

/** What a CORS preflight may ask for. */
const PREFLIGHT_HEADERS = {
  'Access-Control-Allow-Methods': 'GET,HEAD,PUT,PATCH,POST,DELETE',
  'Access-Control-Allow-Headers': 'Authorization,Content-Type,X-Filename,Range,If-None-Match,If-Range',
  'Access-Control-Max-Age': '600',
};

/**
 * The headers every answer carries, whichever path serves it: helmet's security headers and CORS.
 * Helmet's headers never depend on the request, so they are read from it once; the answer depends
 * on the Origin header, hence `Vary: Origin` on every answer.
 */
@Injectable()
export class HttpEdge {
  private readonly common: Readonly<Record<string, string>>;
  /** `common` and a JSON answer's own headers, in the order `jsonAnswer` gives them. */
  private readonly commonJson: Readonly<Record<string, string | number>>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.common = { ...helmetHeaders(), Vary: 'Origin' };
    this.commonJson = { ...this.common, 'Content-Type': JSON_CONTENT_TYPE, 'Content-Length': 0 };
  }

  /** The headers for an answer to a request from `origin`. The result is shared: copy before changing it. */
  headers(origin: string | undefined): Readonly<Record<string, string>> {
    if (!origin || !isAllowedOrigin(this.config, origin)) return this.common;
    return { ...this.common, 'Access-Control-Allow-Origin': origin };
  }

  /**
   * The headers of a JSON answer of `length` bytes to a request from `origin`: these, the answer's
   * own `extra`, its type and length. Most answers have the shared ones only: a copy of a complete
   * set with the length changed is a plain copy, where adding headers to a copy makes V8 build a
   * dictionary of them.
   */
  jsonAnswer(origin: string | undefined, extra: Readonly<Record<string, string>> | undefined, length: number): Record<string, string | number> {
    const edge = this.headers(origin);
    if (edge === this.common && extra === undefined) return { ...this.commonJson, 'Content-Length': length };
    return { ...edge, ...extra, 'Content-Type': JSON_CONTENT_TYPE, 'Content-Length': length };
  }

  /** Express middleware for the general path: sets the same headers, and answers CORS preflights. */
  readonly middleware = (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    const origin = request.headers.origin;
    const headers = this.headers(origin);
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    if (request.method !== 'OPTIONS' || !isAllowedOrigin(this.config, origin)) {
      next();
      return;
    }
    for (const [name, value] of Object.entries(PREFLIGHT_HEADERS)) response.setHeader(name, value);
    response.statusCode = 204;
    response.setHeader('Content-Length', '0');
    response.end();
  };
}

/** The headers helmet sets, collected by running it once against a stand-in response. */
export function helmetHeaders(): Record<string, string> {
  const headers = new Map<string, string>();
  const response = {
    setHeader: (name: string, value: string) => headers.set(name, value),
    removeHeader: (name: string) => headers.delete(name),
    getHeader: (name: string) => headers.get(name),
  };
  helmet()({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  return Object.fromEntries(headers);
}
