import { INestApplication, Logger } from '@nestjs/common';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { HTTP_SERVER_SETTINGS } from './http-server-settings';
import { ServerLifecycle } from './server-lifecycle';

/**
 * Stopping on a signal: refuse new work, answer waiting polls, let every connection go, closing
 * those still open after a grace period, then close the application (the database with it) and
 * exit 0.
 *
 * `server.close()` alone stops listening but waits for each connection to end by itself: a client
 * polling in a loop on a kept-alive connection, or one that sent half a request and stopped, held
 * shutdown up for ever. And Nest's own shutdown hooks re-raise the signal after closing, so the
 * process would end "killed" rather than with the exit code 0 that service managers expect.
 */
export class GracefulShutdown {
  private readonly logger = new Logger('shutdown');
  private readonly lifecycle: ServerLifecycle;
  /** Requests being answered: told to close their connection when shutdown begins. */
  private readonly inFlight = new Set<ServerResponse>();
  private stopping = false;

  /** Call before the server listens, after its request listeners are in place. */
  constructor(
    private readonly app: INestApplication,
    private readonly server: Server,
  ) {
    this.lifecycle = app.get(ServerLifecycle);
    server.prependListener('request', this.track);
  }

  stopOn(...signals: NodeJS.Signals[]): void {
    for (const signal of signals) process.on(signal, () => this.stop(signal));
  }

  private readonly track = (_request: IncomingMessage, response: ServerResponse): void => {
    if (this.lifecycle.closing) {
      response.setHeader('Connection', 'close');
      return;
    }
    this.inFlight.add(response);
    response.once('close', () => this.inFlight.delete(response));
  };

  private stop(signal: NodeJS.Signals): void {
    if (this.stopping) return;
    this.stopping = true;
    this.logger.log(`${signal} received: answering waiting polls and closing`);
    this.drain()
      .then(() => this.app.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          this.logger.error(error);
          process.exit(1);
        },
      );
  }

  /** Resolves when every connection is closed: by its client, after its last answer, or at the deadline. */
  private drain(): Promise<void> {
    for (const response of this.inFlight) {
      if (!response.headersSent) response.setHeader('Connection', 'close');
    }
    // Waiting polls answer now; sends are refused from here on.
    this.lifecycle.beginClosing();
    return new Promise((resolve) => {
      const deadline = setTimeout(() => {
        this.logger.warn(`Connections still open after ${HTTP_SERVER_SETTINGS.shutdownGraceMs / 1000} s: closing them`);
        this.server.closeAllConnections();
      }, HTTP_SERVER_SETTINGS.shutdownGraceMs);
      // Stops listening and closes idle connections; calls back once the last connection is gone.
      this.server.close(() => {
        clearTimeout(deadline);
        resolve();
      });
    });
  }
}
