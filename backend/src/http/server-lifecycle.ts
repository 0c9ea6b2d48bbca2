import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@chatroom/shared';
import { ApiException } from '../common/api-exception';
import { HTTP_SERVER_SETTINGS } from './http-server-settings';

/**
 * Whether this instance has begun to shut down, for the code that must act on it. Every path to a
 * service (the fast path and the controllers) reaches it through the services, so a rule set here
 * holds on both.
 */
@Injectable()
export class ServerLifecycle {
  private isClosing = false;
  private readonly closingListeners: (() => void)[] = [];

  get closing(): boolean {
    return this.isClosing;
  }

  /** `listener` runs once, when shutdown begins. */
  onClosing(listener: () => void): void {
    this.closingListeners.push(listener);
  }

  beginClosing(): void {
    if (this.isClosing) return;
    this.isClosing = true;
    for (const listener of this.closingListeners) listener();
  }

  /**
   * Refuses new work once shutdown has begun. Work accepted then could still be running when the
   * connections are cut and the database closes; refused, the client knows to try again.
   */
  assertAccepting(): void {
    if (!this.isClosing) return;
    throw new ApiException(ErrorCode.Unavailable, 'The server is shutting down; try again shortly.', undefined, {
      retryAfterSeconds: HTTP_SERVER_SETTINGS.shutdownRetryAfterSeconds,
    });
  }
}
