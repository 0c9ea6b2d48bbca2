import { ShareTarget, UiRequestMap, UiRequestMethod, WorkerSnapshot } from '@chatroom/shared';
import type { OmniboxAnswer } from '../platform/browser-api';
import type { KeyValueStore } from '../platform/page-api';
import { Account } from './account';
import { ApiClient, ApiFor, FetchFn } from './api-client';
import { AttentionSettings } from './attention-settings';
import { Clock, realClock } from './clock';
import { DraftRequests } from './draft-requests';
import { Drafts } from './drafts';
import { dispatch, uiHandlers } from './handlers';
import { Omnibox, OmniboxOutputs } from './omnibox';
import { Outbox, OutboxOutputs } from './outbox';
import { Notifier, NotifierOutputs } from './notifier';
import { DEFAULT_POLL_OPTIONS, PollLoop, PollOptions } from './poll-loop';
import { BrowserIdleState, PresenceReporter } from './presence-reporter';
import { ReadMarkers } from './read-markers';
import { Rooms } from './rooms';
import { Session, SESSION_EXPIRED } from './session';
import { StateStore } from './state';
import { Sync, SyncOutputs } from './sync';
import { TypingReporter } from './typing-reporter';
import { ViewOutputs, Views } from './views';

/** What the worker needs from its surroundings: the browser in the extension, plain Node in tests. */
export interface WorkerDeps extends ViewOutputs, OutboxOutputs, SyncOutputs, NotifierOutputs, OmniboxOutputs {
  fetch: FetchFn;
  store: KeyValueStore;
  clock?: Clock;
  random?: () => number;
  /** Whether the user is at the browser now (the platform's idle state); `active` where there is none. */
  idleState?: () => Promise<BrowserIdleState>;
}

export type ChatWorker = ReturnType<typeof createWorker>;

/** What a desktop notification was asked to do: its click opens the conversation, its buttons reply or mark it read. */
export type NotificationAction = 'open' | 'reply' | 'read';

/**
 * Builds the worker's parts over one store and connects them; nothing here holds state of its own.
 * Every entry point waits until the stored state is loaded, so an event that wakes a stopped worker
 * is answered from what the last one stored.
 */
export function createWorker(deps: WorkerDeps, options: Partial<PollOptions> = {}) {
  const clock = deps.clock ?? realClock;
  const state = new StateStore(deps.store);
  const api: ApiFor = (authenticated = true) => {
    const { settings, session } = state.current;
    const client = new ApiClient(deps.fetch, settings.serverUrl);
    return authenticated ? client.withToken(session?.token ?? null) : client;
  };
  const views = new Views(state, deps, clock);
  const notifier = new Notifier(state, clock, deps);
  const readMarkers = new ReadMarkers(state, views, api, notifier);
  const outbox = new Outbox(state, views, api, clock, deps);
  const sync = new Sync(state, views, readMarkers, api, clock, notifier, deps);
  const pollLoop = new PollLoop({
    state,
    views,
    sync,
    outbox,
    api,
    clock,
    random: deps.random ?? Math.random,
    options: { ...DEFAULT_POLL_OPTIONS, ...options },
    onUnauthenticated: (): Promise<void> => session.end(SESSION_EXPIRED),
    // Says the browser's state again when it was said long enough ago (it counts for a while only).
    onPolled: (): void => void presence.report(),
  });
  const session = new Session(state, views, pollLoop, api, clock);
  const rooms = new Rooms(state, views, sync, api);
  const account = new Account(session, api);
  const presence = new PresenceReporter(state, api, deps.idleState ?? (() => Promise.resolve('active')), clock);
  const draftRequests = new DraftRequests(state, views);
  const drafts = new Drafts(state, views, clock);
  const typing = new TypingReporter(state, api, clock);
  const omnibox = new Omnibox(state, outbox, deps);
  const attentionSettings = new AttentionSettings(state, views, api);
  const handlers = uiHandlers({ state, views, session, outbox, readMarkers, sync, rooms, api, account, draftRequests, attentionSettings, drafts, typing });
  const ready = state.load().then(() => session.resume());

  return {
    /** Shows the stored badge and starts polling if signed in. */
    async start(): Promise<void> {
      await ready;
      await drafts.prune();
      await views.updateBadge();
      pollLoop.ensure();
      // Never in the way of start-up: a failed report is tried again at the next start.
      void presence.report();
    },

    /** The browser went idle, was locked, or has input again. */
    async idleStateChanged(idle: BrowserIdleState): Promise<void> {
      await ready;
      await presence.browserState(idle);
    },

    /** Ends polling for good, as a stopped worker would; the stored state stays. */
    async stop(): Promise<void> {
      await ready;
      await pollLoop.stop();
      await outbox.settled();
    },

    async request<M extends UiRequestMethod>(
      method: M,
      params: UiRequestMap[M]['params'],
      viewId = 'worker',
    ): Promise<UiRequestMap[M]['result']> {
      await ready;
      return dispatch(handlers, method, params, { viewId });
    },

    /** A view connected: someone is looking, so a paused loop tries the server now. */
    async attachView(viewId: string): Promise<void> {
      await ready;
      views.attach(viewId);
      pollLoop.retryNow();
      pollLoop.ensure();
    },

    detachView(viewId: string): void {
      views.detach(viewId);
      void typing.detach(viewId);
    },

    async snapshot(): Promise<WorkerSnapshot> {
      await ready;
      return views.snapshot();
    },

    /**
     * A conversation's notification was clicked (`open`), or one of its buttons: `reply` has the next
     * view open the conversation with the composer focused, `read` marks it read (the badge and the
     * notification follow) without opening anything.
     */
    async notificationAction(conversation: string, action: NotificationAction): Promise<void> {
      await ready;
      const canonical = state.canonical(conversation);
      if (action === 'read') {
        await readMarkers.markRead(canonical);
        return;
      }
      await state.write({ requestedConversation: { conversation: canonical, compose: action === 'reply' } });
      views.publish();
    },

    /** "Send to ChatRoom" was clicked: the next view puts the draft in that conversation's composer (null: the user chooses). */
    async share(conversation: string | null, target: ShareTarget | null): Promise<void> {
      await ready;
      await draftRequests.share(conversation, target);
    },

    /** The text typed after the address bar's keyword changed. */
    async omniboxInput(text: string): Promise<OmniboxAnswer> {
      await ready;
      return omnibox.answer(text);
    },

    /** Enter after the address bar's keyword. */
    async omniboxEnter(text: string): Promise<void> {
      await ready;
      await omnibox.enter(text);
    },
  };
}
