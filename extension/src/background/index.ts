/**
 * The service worker: the one owner of the session, the polling, the unread counts and the badge.
 * Every listener is registered synchronously at the top level, so Chrome can wake a stopped worker
 * for any of them; everything that must survive a stop lives in storage (see ChatCore).
 */
import {
  ChatMessage,
  UI_PORT_NAME,
  UiError,
  UiToWorker,
  WorkerToUi,
} from '@chatroom/shared';
import {
  clearNotification,
  ensureAlarm,
  lastFocusedWindowId,
  localStore,
  onAlarm,
  onCommand,
  onNotificationClicked,
  onStartup,
  onViewConnect,
  openSidePanel,
  openSidePanelWindow,
  Port,
  setBadgeText,
  showNotification,
} from '../platform/browser-api';
import { ServerError } from './api-client';
import { ChatCore } from './chat-core';

const POLL_ALARM = 'chatroom-poll';
/** Chrome's minimum alarm period for a packed extension. */
const POLL_ALARM_MINUTES = 0.5;
const NOTIFICATION_PREFIX = 'conversation:';

/** Connected views; they disconnect by themselves when the worker stops. */
const views = new Map<string, Port>();

const core = new ChatCore({
  fetch: (input, init) => fetch(input, init),
  store: localStore,
  setBadge: setBadgeText,
  notify: ({ conversation, title, body }) => showNotification(NOTIFICATION_PREFIX + conversation, title, body),
  onSnapshot: (snapshot) => broadcast({ kind: 'snapshot', snapshot }),
  onMessages: (messages: ChatMessage[]) => broadcast({ kind: 'messages', messages }),
});

onStartup(() => void ensureAlarm(POLL_ALARM, POLL_ALARM_MINUTES));

onAlarm((name) => {
  if (name === POLL_ALARM) void core.start();
});

onCommand((command, windowId) => {
  if (command === 'open-side-panel') void openSidePanel(windowId);
});

onNotificationClicked((id) => {
  if (!id.startsWith(NOTIFICATION_PREFIX)) return;
  void clearNotification(id);
  const conversation = id.slice(NOTIFICATION_PREFIX.length);
  void core.requestConversation(conversation);
  void lastFocusedWindowId()
    .then((windowId) => openSidePanel(windowId))
    .catch(() => openSidePanelWindow());
});

onViewConnect(UI_PORT_NAME, (port) => {
  const viewId = crypto.randomUUID();
  views.set(viewId, port);
  core.attachView(viewId);
  void core.snapshot().then((snapshot) => post(port, { kind: 'snapshot', snapshot }));
  void core.refresh().catch(() => undefined);
  port.onMessage.addListener((message) => void answer(port, viewId, message as UiToWorker));
  port.onDisconnect.addListener(() => {
    views.delete(viewId);
    core.detachView(viewId);
  });
});

void ensureAlarm(POLL_ALARM, POLL_ALARM_MINUTES);
void core.start();

async function answer(port: Port, viewId: string, request: UiToWorker): Promise<void> {
  try {
    const result = await perform(viewId, request);
    post(port, { kind: 'response', id: request.id, ok: true, result });
  } catch (error) {
    post(port, { kind: 'response', id: request.id, ok: false, error: toUiError(error) });
  }
}

async function perform(viewId: string, request: UiToWorker): Promise<unknown> {
  switch (request.method) {
    case 'register':
      return core.register(request.params).then(() => null);
    case 'login':
      return core.login(request.params).then(() => null);
    case 'logout':
      return core.logout().then(() => null);
    case 'refresh':
      return core.refresh().then(() => null);
    case 'history':
      return core.history(request.params.with, request.params.before);
    case 'send':
      return core.send(request.params.recipient, request.params.message);
    case 'discardPending':
      return core.discardPending(request.params.client_id).then(() => null);
    case 'viewConversation':
      return core.viewConversation(viewId, request.params.conversation).then(() => null);
    case 'createRoom':
      return core.createRoom(request.params);
    case 'leaveRoom':
      return core.leaveRoom(request.params.room_id).then(() => null);
    case 'addMember':
      return core.addMember(request.params.room_id, request.params.username);
    case 'removeMember':
      return core.removeMember(request.params.room_id, request.params.username);
    case 'renameRoom':
      return core.renameRoom(request.params.room_id, request.params.name);
    case 'saveSettings':
      return core.saveSettings(request.params);
    default:
      return assertNever(request);
  }
}

function assertNever(request: never): never {
  throw new Error(`Unknown request ${JSON.stringify(request)}`);
}

function toUiError(error: unknown): UiError {
  if (error instanceof ServerError) return { code: error.code, message: error.message, field: error.field };
  return { code: 'unavailable', message: error instanceof Error ? error.message : String(error) };
}

function broadcast(message: WorkerToUi): void {
  for (const port of views.values()) post(port, message);
}

function post(port: Port, message: WorkerToUi): void {
  try {
    port.postMessage(message);
  } catch {
    // The view closed between the event and this message; its disconnect handler cleans up.
  }
}

