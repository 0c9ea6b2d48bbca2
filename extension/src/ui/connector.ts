import {
  ChatMessage,
  CurrentMessage,
  DEFAULT_EXTENSION_SETTINGS,
  Ephemeral,
  signedOutSnapshot,
  UI_PORT_NAME,
  UiRequestMap,
  UiRequestMethod,
  WorkerSnapshot,
  WorkerToUi,
} from '@chatroom/shared';
import type { PersistedState } from '../background/state';
import { connectToWorker, localStore, Port } from '../platform/page-api';
import { t } from '../platform/i18n';
import { RequestError } from './request-error';

/** How long a view waits for an awake worker's first snapshot before it shows "Connecting…". */
const FIRST_SNAPSHOT_WAIT_MS = 250;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * A view's only line to the worker. When Chrome stops the worker the port drops; the connector
 * connects again at once, which wakes a new worker, and tells its listeners so they re-announce
 * what they show.
 */
export class WorkerConnector {
  private port: Port | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly snapshotListeners = new Set<(snapshot: WorkerSnapshot) => void>();
  private readonly messageListeners = new Set<(messages: ChatMessage[]) => void>();
  private readonly changedListeners = new Set<(messages: CurrentMessage[]) => void>();
  private readonly ephemeralListeners = new Set<(items: Ephemeral[]) => void>();
  private readonly reconnectListeners = new Set<() => void>();
  private lastSnapshot: WorkerSnapshot | null = null;

  connect(): void {
    this.open();
  }

  private open(): Port {
    const port = connectToWorker(UI_PORT_NAME);
    this.port = port;
    port.onMessage.addListener((message) => this.receive(message as WorkerToUi));
    port.onDisconnect.addListener(() => {
      this.port = null;
      for (const { reject } of this.pending.values()) reject(new Error(t('errorExtensionRestarted')));
      this.pending.clear();
      this.connect();
      for (const listener of this.reconnectListeners) listener();
    });
    return port;
  }

  /**
   * What a view awaits before its first render. Shows the signed-out state straight from storage when
   * nobody is signed in: it needs nothing the worker computes, so the login form need not wait for a
   * worker to start and answer (whatever the worker sends replaces it). When someone is, waits a
   * moment for the worker's first snapshot, so that a view opens on its conversations rather than on
   * "Connecting…" for a blink; a worker that is still starting gets no longer than that moment.
   */
  async preload(): Promise<void> {
    const stored = (await localStore.get(['session', 'settings'])) as Partial<Pick<PersistedState, 'session' | 'settings'>>;
    if (this.lastSnapshot) return;
    if (stored.session) return this.firstSnapshot(FIRST_SNAPSHOT_WAIT_MS);
    this.receive({ kind: 'snapshot', snapshot: signedOutSnapshot({ ...DEFAULT_EXTENSION_SETTINGS, ...stored.settings }) });
  }

  private firstSnapshot(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        off();
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      const off = this.onSnapshot(done);
    });
  }

  request<M extends UiRequestMethod>(method: M, params: UiRequestMap[M]['params']): Promise<UiRequestMap[M]['result']> {
    const port = this.port ?? this.open();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      port.postMessage({ kind: 'request', id, method, params });
    });
  }

  get snapshot(): WorkerSnapshot | null {
    return this.lastSnapshot;
  }

  onSnapshot(listener: (snapshot: WorkerSnapshot) => void): () => void {
    this.snapshotListeners.add(listener);
    return () => void this.snapshotListeners.delete(listener);
  }

  onMessages(listener: (messages: ChatMessage[]) => void): () => void {
    this.messageListeners.add(listener);
    return () => void this.messageListeners.delete(listener);
  }

  /** Messages an edit, delete or reaction changed, in their new state. */
  onChanged(listener: (messages: CurrentMessage[]) => void): () => void {
    this.changedListeners.add(listener);
    return () => void this.changedListeners.delete(listener);
  }

  /** Read markers and typing states of others, as the worker heard of them. */
  onEphemeral(listener: (items: Ephemeral[]) => void): () => void {
    this.ephemeralListeners.add(listener);
    return () => void this.ephemeralListeners.delete(listener);
  }

  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => void this.reconnectListeners.delete(listener);
  }

  private receive(message: WorkerToUi): void {
    switch (message.kind) {
      case 'snapshot':
        this.lastSnapshot = message.snapshot;
        for (const listener of this.snapshotListeners) listener(message.snapshot);
        return;
      case 'messages':
        for (const listener of this.messageListeners) listener(message.messages);
        return;
      case 'changed':
        for (const listener of this.changedListeners) listener(message.messages);
        return;
      case 'ephemeral':
        for (const listener of this.ephemeralListeners) listener(message.items);
        return;
      case 'response': {
        const pending = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (!pending) return;
        if (message.ok) pending.resolve(message.result);
        else pending.reject(new RequestError(message.error));
        return;
      }
    }
  }
}
