import type { ChatMessage, CurrentMessage, Ephemeral, WorkerSnapshot } from '@chatroom/shared';
import { RunningServer, startServer, tempDir, waitFor } from '../../../backend/test/support/server';
import { ownAnnouncement } from './own-server';
import { ChatWorker, createWorker, WorkerDeps } from '../../src/background/create-worker';
import type { BadgeLook } from '../../src/background/badge';
import type { DesktopNotification } from '../../src/background/notifier';
import type { PollOptions } from '../../src/background/poll-loop';
import { PASSWORD, TestUser, uniqueName } from './api';
import { MemoryStore } from './memory-store';

/** What a worker built for a test showed the outside world. */
export interface Seen {
  badge: string;
  /** The badge's colour and tooltip too. */
  badgeLook: BadgeLook | null;
  snapshot: WorkerSnapshot | null;
  messages: ChatMessage[];
  /** Every message as the server answered the user's own edit or reaction, as the views were told. */
  changed: CurrentMessage[];
  notified: string[];
  /** The title and body of each desktop notification. */
  notifications: { title: string; body: string }[];
  /** Read markers and typing states passed on to the views. */
  ephemeral: Ephemeral[];
  /** Each conversation whose notification was taken away. */
  cleared: string[];
  /** Each desktop notification whole. */
  shown: DesktopNotification[];
}

/** Short timeouts and pauses, so a test sees several rounds of the poll loop. */
export const TEST_POLL_OPTIONS: PollOptions = { pollTimeoutSeconds: 2, backoff: { baseMs: 50, maxMs: 400 } };

/** Builds workers as the extension does, over in-memory storage, records their outputs, and stops them all. */
export class WorkerHarness {
  private readonly workers: ChatWorker[] = [];

  make(store: MemoryStore, baseUrl: string, overrides: Partial<WorkerDeps> = {}, options = TEST_POLL_OPTIONS) {
    const seen: Seen = { badge: '', badgeLook: null, snapshot: null, messages: [], changed: [], notified: [], notifications: [], cleared: [], shown: [], ephemeral: [] };
    store.data.set('settings', { serverUrl: baseUrl, notifications: true });
    const worker = createWorker(
      {
        fetch: (input, init) => fetch(input, init),
        store,
        setBadge: (look) => {
          seen.badge = look.text;
          seen.badgeLook = look;
        },
        onSnapshot: (snapshot) => (seen.snapshot = snapshot),
        onMessages: (messages) => seen.messages.push(...messages),
        onChanged: (messages) => seen.changed.push(...messages),
        onEphemeral: (items) => seen.ephemeral.push(...items),
        notify: (notification) => {
          seen.notified.push(notification.conversation);
          seen.notifications.push({ title: notification.title, body: notification.body });
          seen.shown.push(notification);
        },
        clearNotification: (conversation) => void seen.cleared.push(conversation),
        ...overrides,
      },
      options,
    );
    this.workers.push(worker);
    return { worker, seen };
  }

  /**
   * A worker signed in as a new user of the server at `url`, its poll loop running; `me` calls the
   * server in the worker's own session, as another part of the same client would.
   */
  async signedIn(url: string, overrides: Partial<WorkerDeps> = {}, store = new MemoryStore()) {
    const username = uniqueName('me');
    const made = this.make(store, url, overrides);
    await made.worker.request('register', { username, password: PASSWORD });
    await made.worker.start();
    await waitFor(() => made.seen.snapshot?.connection === 'online', { what: 'online' });
    const me = new TestUser(url, username, PASSWORD, (store.data.get('session') as { token: string }).token);
    return { ...made, store, username, me };
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((worker) => worker.stop()));
  }
}

/**
 * The set-up every worker-part spec shares: one real server for the describe block, and a harness
 * whose workers are stopped after each test. Call it in the describe body; `serverUrl` is there once
 * beforeAll has run.
 */
export function useWorkerHarness(): WorkerHarness & { readonly serverUrl: string } {
  let server: RunningServer | undefined;
  const dir = tempDir();
  const harness = new WorkerHarness();
  beforeAll(async () => {
    // Each test registers its own users: a file of them outgrows the default 20 a minute.
    server = await startServer({ env: { ...ownAnnouncement(dir.dir), RATE_LIMIT_AUTH_PER_MINUTE: '1000000' } });
  });
  afterEach(() => harness.stopAll());
  // Unset when beforeAll failed; that failure is the one to report.
  afterAll(async () => {
    await server?.stop();
    dir.remove();
  });
  return Object.defineProperty(harness, 'serverUrl', {
    get(): string {
      if (!server) throw new Error('The server starts in beforeAll: use serverUrl inside tests and hooks.');
      return server.url;
    },
  }) as WorkerHarness & { readonly serverUrl: string };
}
