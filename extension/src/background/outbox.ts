import { ChatMessage, ErrorCode, LIMITS, PendingMessage } from '@chatroom/shared';
import { describeError, isTransient, isUnauthenticated, NetworkError, ServerError, toUiError, type ApiFor } from './api-client';
import type { Clock } from './clock';
import type { StateStore } from './state';
import type { Views } from './views';

export interface OutboxOutputs {
  newClientId?: () => string;
  onMessages?: (messages: ChatMessage[]) => void;
}

/**
 * Messages the user wrote, kept in storage until the server has them. Each carries a client id, so
 * sending again after a lost answer never makes a second copy.
 */
export class Outbox {
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly state: StateStore,
    private readonly views: Views,
    private readonly api: ApiFor,
    private readonly clock: Clock,
    private readonly outputs: OutboxOutputs,
  ) {}

  /** Queues a message and tries to send it; it stays in the outbox until the server has it. */
  async send(recipient: string, message: string): Promise<PendingMessage> {
    if (!this.state.current.session) throw new ServerError(401, ErrorCode.Unauthenticated, 'Log in first.');
    if (!message.trim()) throw new ServerError(400, ErrorCode.ValidationFailed, 'Write a message first.', 'message');
    if (message.length > LIMITS.messageMax) {
      throw new ServerError(
        400,
        ErrorCode.ValidationFailed,
        `A message holds at most ${LIMITS.messageMax} characters.`,
        'message',
      );
    }
    const pending: PendingMessage = {
      client_id: this.outputs.newClientId?.() ?? crypto.randomUUID(),
      recipient: this.state.canonical(recipient),
      message,
      created_at: new Date(this.clock.now()).toISOString(),
    };
    await this.state.write({ outbox: [...this.state.current.outbox, pending] });
    this.views.publish();
    void this.flush();
    return pending;
  }

  async discard(clientId: string): Promise<void> {
    await this.state.write({ outbox: this.state.current.outbox.filter((item) => item.client_id !== clientId) });
    this.views.publish();
  }

  /** Whether something waits that the server has not refused. */
  get hasQueued(): boolean {
    return this.state.current.outbox.some((item) => !item.error);
  }

  /** Sends the outbox in order; stops at the first transient failure and leaves the rest queued. */
  flush(): Promise<void> {
    this.flushing ??= this.sendQueued().finally(() => (this.flushing = null));
    return this.flushing;
  }

  /** Resolves once a flush under way has finished. */
  async settled(): Promise<void> {
    await this.flushing;
  }

  private async sendQueued(): Promise<void> {
    for (;;) {
      const next = this.state.current.outbox.find((item) => !item.error);
      if (!next || !this.state.current.session) return;
      try {
        const sent = await this.api().send(next.recipient, next.message, next.client_id);
        await this.state.write({ outbox: this.state.current.outbox.filter((item) => item.client_id !== next.client_id) });
        await this.state.learn([sent.sender, sent.recipient]);
        this.outputs.onMessages?.([sent]);
        this.views.publish();
      } catch (error) {
        if (isTransient(error) || isUnauthenticated(error)) {
          if (error instanceof NetworkError) this.views.setConnection('offline', describeError(error));
          return;
        }
        const failed = { ...next, error: toUiError(error) };
        await this.state.write({
          outbox: this.state.current.outbox.map((item) => (item.client_id === next.client_id ? failed : item)),
        });
        this.views.publish();
      }
    }
  }
}
