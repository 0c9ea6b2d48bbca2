import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppConfig } from '../config/app-config';

const EXTENSION_ORIGIN = /^(chrome|moz|safari-web)-extension:\/\/[^/]+$/;

/** Browser-extension origins always; web origins when listed in CORS_ORIGINS. */
export function isAllowedOrigin(config: AppConfig, origin: string | undefined): boolean {
  return !origin || EXTENSION_ORIGIN.test(origin) || config.corsOrigins.includes('*') || config.corsOrigins.includes(origin);
}

/** The security headers, as helmet sets them on every response. */
export const securityHeaders = helmet();

/**
 * The headers helmet sets, read once: they never depend on the request, so routes answered
 * outside Express can send the same ones without running helmet each time.
 */
export function staticSecurityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string) => void (headers[name] = String(value)),
    removeHeader: (name: string) => void delete headers[name],
    getHeader: (name: string) => headers[name],
  };
  securityHeaders({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  return headers;
}
