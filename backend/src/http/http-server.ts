import type { NestExpressApplication } from '@nestjs/platform-express';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { HttpEdge } from '../common/http-edge';
import { createJsonBodyReader, warmUpJsonBodyReader } from '../common/json-body';
import { RequestLog } from '../common/request-log';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { FastPath } from './fast-path';

/**
 * Puts the edge in front of every request: the request log line, the fast path for sending and
 * polling (unless HTTP_FAST_PATH=false), and, for everything else, the edge headers and the JSON
 * body reader ahead of Nest's routes. Call it before any other middleware or route is added.
 */
export async function useHttpEdge(app: NestExpressApplication): Promise<void> {
  const config = app.get<AppConfig>(APP_CONFIG);
  const requestLog = app.get(RequestLog);
  app.use(app.get(HttpEdge).middleware);
  const readJsonBody = createJsonBodyReader();
  await warmUpJsonBodyReader(readJsonBody);
  app.use(readJsonBody);

  // Sending and polling are most of the traffic: they are served before Express sees them.
  const server = app.getHttpServer();
  const fastPath = config.httpFastPath ? app.get(FastPath) : undefined;
  const [expressApp] = server.listeners('request') as RequestListener[];
  if (!expressApp) throw new Error('useHttpEdge: Express is not yet listening on the HTTP server.');
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (fastPath) {
      fastPath.handle(request, response, () => expressApp(request, response));
      return;
    }
    requestLog.track(request, response);
    expressApp(request, response);
  });
}
