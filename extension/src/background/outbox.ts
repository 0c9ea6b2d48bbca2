import {
  applyChange,
  Attachment,
  changeEntry,
  ChatMessage,
  CurrentMessage,
  ERROR_STATUS,
  ErrorCode,
  LIMITS,
  MessageChange,
  MessageRef,
  PendingChange,
  PendingMessage,
} from '@chatroom/shared';
import type { ApiFor } from './api-client';
import { describeError, isTransient, isUnauthenticated, NetworkError, ServerError, toUiError } from './server-errors';
import type { Clock } from './clock';
import { withPreviewChanged } from './previews';
import type { PersistedState, StateStore } from './state';
import type { Views } from './views';

export interface OutboxOutputs {
  newClientId?: () => string;
  /** Messages the server accepted, and the entry of a delete it accepted (views fold it in at once). */
  onMessages?: (messages: ChatMessage[]) => void;
  /** A message as the server answered the user's own edit or reaction. */
  onChanged?: (messages: CurrentMessage[]) => void;
}

/**
 * Messages the user wrote, and edits, deletes and reactions the user made, kept in storage until the
 * server has them. Each carries a client id, so sending again after a lost answer never makes a
 * second copy or changes a message twice.
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

  /**
   * Queues a message and tries to send it; it stays in the outbox until the server has it. Its
   * `attachments` are uploaded already: the text may then be empty.
   */
  async send(recipient: string, message: string, replyTo?: number, attachments: Attachment[] = []): Promise<PendingMessage> {
    this.checkText(message, attachments.length > 0);
    if (attachments.length > LIMITS.attachmentsMax) {
      throw new ServerError(400, ErrorCode.ValidationFailed, `A message carries at most ${LIMITS.attachmentsMax} files.`, 'attachments');
    }
    const pending: PendingMessage = {
      client_id: this.newClientId(),
      recipient: this.state.canonical(recipient),
      message,
      ...(replyTo === undefined ? {} : { reply_to: replyTo }),
      ...(attachments.length ? { attachments } : {}),
      created_at: this.now(),
    };
    await this.state.write({ outbox: [...this.state.current.outbox, pending] });
    this.views.publish();
    void this.flush();
    return pending;
  }

  /** Edits a sent message, or rewrites one the server does not have yet (and tries it again if it was refused). */
  async edit(ref: MessageRef, message: string): Promise<void> {
    if ('id' in ref) {
      this.checkText(message);
      return this.change(ref.id, ref.conversation, { kind: 'edit', message });
    }
    const { outbox } = this.state.current;
    const queued = outbox.find((item) => item.client_id === ref.client_id);
    if (!queued) throw sentMeanwhile();
    // Not sent yet, so still a send: its text may stay empty when it carries files.
    this.checkText(message, (queued.attachments?.length ?? 0) > 0);
    await this.state.write({
      outbox: outbox.map((item) => (item.client_id === ref.client_id ? { ...item, message, error: undefined } : item)),
    });
    this.views.publish();
    void this.flush();
  }

  /**
   * Deletes a sent message, or takes one out of the outbox. Its queued edits and reactions are
   * dropped once the server has accepted the delete, never before: they still count if it refuses.
   */
  async remove(ref: MessageRef): Promise<void> {
    if ('client_id' in ref) {
      if (!this.state.current.outbox.some((item) => item.client_id === ref.client_id)) throw sentMeanwhile();
      return this.discard(ref.client_id);
    }
    return this.change(ref.id, ref.conversation, { kind: 'delete' });
  }

  react(id: number, conversation: string, emoji: string, add: boolean): Promise<void> {
    return this.change(id, conversation, { kind: 'react', emoji, add });
  }

  /** Drops a queued message or change, typically one the server refused. */
  async discard(clientId: string): Promise<void> {
    const { outbox, changes } = this.state.current;
    await this.state.write({
      outbox: outbox.filter((item) => item.client_id !== clientId),
      changes: changes.filter((item) => item.client_id !== clientId),
    });
    this.views.publish();
  }

  /** Whether something waits that the server has not refused. */
  get hasQueued(): boolean {
    const { outbox, changes } = this.state.current;
    return outbox.some((item) => !item.error) || changes.some((item) => !item.error);
  }

  /**
   * Queues a change and tries it at once. A refusal is the caller's to show, so a refused change is
   * not kept; one the server cannot take now stays queued for when it is back.
   */
  private async change(id: number, conversation: string, change: MessageChange): Promise<void> {
    this.checkSession();
    const pending = this.pendingChange(id, conversation, change);
    await this.state.write({ changes: [...this.state.current.changes, pending] });
    this.views.publish();
    await this.flush();
    const refused = this.state.current.changes.find((item) => item.client_id === pending.client_id)?.error;
    if (refused) {
      await this.discard(pending.client_id);
      throw new ServerError(ERROR_STATUS[refused.code], refused.code, refused.message, refused.field);
    }
  }

  private pendingChange(id: number, conversation: string, change: MessageChange): PendingChange {
    return { client_id: this.newClientId(), id, conversation: this.state.canonical(conversation), change, created_at: this.now() };
  }

  private checkSession(): void {
    if (!this.state.current.session) throw new ServerError(401, ErrorCode.Unauthenticated, 'Log in first.');
  }

  /** An edit always needs text (the server's rule); a send carrying files may go without. */
  private checkText(message: string, carriesFiles = false): void {
    this.checkSession();
    if (!message.trim() && !(carriesFiles && message === '')) throw new ServerError(400, ErrorCode.ValidationFailed, 'Write a message first.', 'message');
    if (message.length > LIMITS.messageMax) {
      throw new ServerError(
        400,
        ErrorCode.ValidationFailed,
        `A message holds at most ${LIMITS.messageMax} characters.`,
        'message',
      );
    }
  }

  private newClientId(): string {
    return this.outputs.newClientId?.() ?? crypto.randomUUID();
  }

  private now(): string {
    return new Date(this.clock.now()).toISOString();
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

  /** Messages first, then changes, each in the order made; a change never waits on a message (see edit). */
  private async sendQueued(): Promise<void> {
    if (await this.drain('outbox', (next) => this.deliver(next), firstWaiting)) {
      await this.drain('changes', (next) => this.apply(next), nextChange);
    }
  }

  /**
   * Hands the items of one queue to the server in order, each taken out once the server has it and
   * marked with its error if refused for good. False when the server cannot take them now.
   */
  private async drain<K extends 'outbox' | 'changes'>(
    key: K,
    send: (item: PersistedState[K][number]) => Promise<void>,
    pick: (queue: PersistedState[K]) => PersistedState[K][number] | undefined,
  ): Promise<boolean> {
    const queue = (): (PendingMessage | PendingChange)[] => this.state.current[key];
    for (;;) {
      const next = pick(this.state.current[key]);
      if (!next) return true;
      if (!this.state.current.session) return false;
      try {
        await send(next);
        await this.state.write({ [key]: queue().filter((item) => item.client_id !== next.client_id) });
        this.views.publish();
      } catch (error) {
        if (isTransient(error) || isUnauthenticated(error)) {
          if (error instanceof NetworkError) this.views.setConnection('offline', describeError(error));
          return false;
        }
        const failed = { ...next, error: toUiError(error) };
        await this.state.write({ [key]: queue().map((item) => (item.client_id === next.client_id ? failed : item)) });
        this.views.publish();
      }
    }
  }

  private async deliver(next: PendingMessage): Promise<void> {
    const files = next.attachments?.map((file) => file.id);
    const sent = await this.api().send(next.recipient, next.message, next.client_id, next.reply_to, files);
    await this.state.learn([sent.sender, sent.recipient]);
    this.outputs.onMessages?.([sent]);
    await this.changedInFlight(next, sent.id);
  }

  /**
   * The user may edit or delete a message while its send is on its way (it is still in the outbox
   * then): what they did is asked of the server as a change, now that the message has an id. The
   * changes queue drains right after the outbox, in this same flush.
   */
  private async changedInFlight(sent: PendingMessage, id: number): Promise<void> {
    const { outbox, changes } = this.state.current;
    const now = outbox.find((item) => item.client_id === sent.client_id);
    const change: MessageChange | null = !now
      ? { kind: 'delete' }
      : now.message !== sent.message
        ? { kind: 'edit', message: now.message }
        : null;
    // Out of the outbox in the same write, so that no edit can land between the two.
    await this.state.write({
      outbox: outbox.filter((item) => item !== now),
      changes: change ? [...changes, this.pendingChange(id, sent.recipient, change)] : changes,
    });
  }

  private async apply(pending: PendingChange): Promise<void> {
    const { id, conversation, change, client_id } = pending;
    const api = this.api();
    switch (change.kind) {
      case 'edit':
        return this.changed(conversation, await api.edit(id, change.message, client_id));
      case 'react':
        return this.changed(conversation, await api.react(id, change.emoji, change.add, client_id));
      case 'delete':
        try {
          await api.deleteMessage(id, client_id);
        } catch (error) {
          // Deleted already (elsewhere, or by an admin): what the user asked for is done.
          if (!(error instanceof ServerError && error.code === ErrorCode.MessageDeleted)) throw error;
        }
        return this.deleted(pending);
    }
  }

  /** Accepted: what else waits for the message can no longer apply; views and the preview show it at once, as the poll will deliver it. */
  private async deleted(pending: PendingChange): Promise<void> {
    await this.state.write({ changes: this.state.current.changes.filter((item) => item.id !== pending.id || item.error) });
    const entry = changeEntry(pending, this.state.current.session?.username ?? '');
    await this.changePreview(pending.conversation, (message) => applyChange(message, entry));
    this.outputs.onMessages?.([entry]);
  }

  /** The server's answer to the user's own change, for the views and the list's preview. */
  private async changed(conversation: string, current: CurrentMessage): Promise<void> {
    await this.changePreview(conversation, (message) => (message.id === current.id ? current : message));
    this.outputs.onChanged?.([current]);
  }

  private async changePreview(conversation: string, change: (message: CurrentMessage) => CurrentMessage): Promise<void> {
    const { cache } = this.state.current;
    const conversations = withPreviewChanged(cache.conversations, conversation, change);
    if (conversations !== cache.conversations) await this.state.write({ cache: { ...cache, conversations } });
  }
}

function firstWaiting<T extends { error?: unknown }>(queue: T[]): T | undefined {
  return queue.find((item) => !item.error);
}

/** Changes in the order made, except that a message's delete goes before its other changes, which then need not be sent. */
function nextChange(queue: PendingChange[]): PendingChange | undefined {
  const next = firstWaiting(queue);
  if (!next || next.change.kind === 'delete') return next;
  return queue.find((item) => item.id === next.id && item.change.kind === 'delete' && !item.error) ?? next;
}

function sentMeanwhile(): ServerError {
  return new ServerError(ERROR_STATUS[ErrorCode.NotFound], ErrorCode.NotFound, 'That message was sent meanwhile: try again on the sent message.');
}
