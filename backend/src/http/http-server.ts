import type { Server } from 'node:http';
import { HTTP_SERVER_SETTINGS } from './http-server-settings';

/** Sets the server's timeouts in place of Node's defaults. */
export function configureHttpServer(server: Server): void {
  server.headersTimeout = HTTP_SERVER_SETTINGS.headersTimeoutMs;
  server.requestTimeout = HTTP_SERVER_SETTINGS.requestTimeoutMs;
  server.keepAliveTimeout = HTTP_SERVER_SETTINGS.keepAliveTimeoutMs;
}
