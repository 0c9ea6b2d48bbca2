/**
 * The service worker: the one owner of the session, the polling, the unread counts and the badge.
 * Every listener is registered synchronously at the top level, so Chrome can wake a stopped worker
 * for any of them; everything that must survive a stop lives in storage (see StateStore). The
 * worker's parts (state, views, read markers, outbox, sync, poll loop, session, rooms) are built and
 * connected by createWorker; this file connects them to the browser.
 */
import {
  ChatMessage,
  UI_PORT_NAME,
  UiToWorker,
  WorkerToUi,
} from '@chatroom/shared';
import {
  clearNotification,
  ensureAlarm,
  lastFocusedWindowId,
  onAlarm,
  onCommand,
  onMenuClicked,
  onNotificationButtonClicked,
  onNotificationClicked,
  onOmniboxEnter,
  onOmniboxInput,
  onStartup,
  onViewConnect,
  openSidePanelWindow,
  replaceMenus,
  queryIdleState,
  setBadge,
  showNotification,
  watchIdleState,
} from '../platform/browser-api';
import { localStore, openSidePanel, Port } from '../platform/page-api';
import { toUiError } from './server-errors';
import { createWorker, NotificationAction } from './create-worker';
import { shareDestination, ShareMenu, shareTargetOf } from './share-menu';
import { t } from '../platform/i18n';

const POLL_ALARM = 'chatroom-poll';
/** Chrome's minimum alarm period for a packed extension. */
const POLL_ALARM_MINUTES = 0.5;
const NOTIFICATION_PREFIX = 'conversation:';
/** A conversation's notification buttons, in order (issue #13); their clicks are told apart by index. */
const NOTIFICATION_BUTTONS: { title: string; action: NotificationAction }[] = [
  { title: t('notificationReply'), action: 'reply' },
  { title: t('notificationMarkRead'), action: 'read' },
];
const SENT_NOTIFICATION_PREFIX = 'sent:';
const AWAY_AFTER_SECONDS = 5 * 60;

/** Connected views; they disconnect by themselves when the worker stops. */
const views = new Map<string, Port>();
const shareMenu = new ShareMenu(replaceMenus);

const worker = createWorker({
  fetch: (input, init) => fetch(input, init),
  store: localStore,
  setBadge,
  notify: ({ conversation, title, body, actions }) =>
    showNotification(NOTIFICATION_PREFIX + conversation, title, body, actions ? NOTIFICATION_BUTTONS.map((b) => b.title) : []),
  clearNotification: (conversation) => clearNotification(NOTIFICATION_PREFIX + conversation),
  onSnapshot: (snapshot) => {
    broadcast({ kind: 'snapshot', snapshot });
    void shareMenu.follow(snapshot);
  },
  onMessages: (messages: ChatMessage[]) => broadcast({ kind: 'messages', messages }),
  onChanged: (messages) => broadcast({ kind: 'changed', messages }),
  onEphemeral: (items) => broadcast({ kind: 'ephemeral', items }),
  confirm: ({ title, body }) => showNotification(SENT_NOTIFICATION_PREFIX + crypto.randomUUID(), title, body),
  idleState: () => queryIdleState(AWAY_AFTER_SECONDS),
});

onStartup(() => void ensureAlarm(POLL_ALARM, POLL_ALARM_MINUTES));

// Away after five minutes without input, or with the screen locked (POST /presence).
watchIdleState(AWAY_AFTER_SECONDS, (state) => void worker.idleStateChanged(state));

onAlarm((name) => {
  if (name === POLL_ALARM) void worker.start();
});

onCommand((command, windowId) => {
  if (command === 'open-side-panel') void openSidePanel(windowId);
});

onNotificationClicked((id) => notificationAction(id, 'open'));
onNotificationButtonClicked((id, index) => {
  const button = NOTIFICATION_BUTTONS[index];
  if (button) notificationAction(id, button.action);
});

onMenuClicked((click) => {
  const destination = shareDestination(click.menuItemId);
  if (!destination) return;
  // Before anything is awaited: Chrome opens the panel only within the click's user gesture.
  void openSidePanel(click.windowId).catch(() => openSidePanelWindow());
  void worker.share(destination.conversation, shareTargetOf(click));
});

onOmniboxInput((text) => worker.omniboxInput(text));
onOmniboxEnter((text) => void worker.omniboxEnter(text));

onViewConnect(UI_PORT_NAME, (port) => {
  const viewId = crypto.randomUUID();
  views.set(viewId, port);
  void worker.attachView(viewId);
  void worker.snapshot().then((snapshot) => post(port, { kind: 'snapshot', snapshot }));
  void worker.request('refresh', null, viewId).catch(() => undefined);
  port.onMessage.addListener((message) => void answer(port, viewId, message as UiToWorker));
  port.onDisconnect.addListener(() => {
    views.delete(viewId);
    worker.detachView(viewId);
  });
});

void ensureAlarm(POLL_ALARM, POLL_ALARM_MINUTES);
void worker.start();
// The menu as this worker knows the list, before any change is published.
void worker.snapshot().then((snapshot) => shareMenu.follow(snapshot));

/** A conversation's notification asked to open it (its click, Reply) or to mark it read; it goes either way. */
function notificationAction(id: string, action: NotificationAction): void {
  if (!id.startsWith(NOTIFICATION_PREFIX)) return;
  void clearNotification(id);
  const conversation = id.slice(NOTIFICATION_PREFIX.length);
  void worker.notificationAction(conversation, action);
  if (action === 'read') return;
  void lastFocusedWindowId()
    .then((windowId) => openSidePanel(windowId))
    .catch(() => openSidePanelWindow());
}

async function answer(port: Port, viewId: string, request: UiToWorker): Promise<void> {
  try {
    const result = await worker.request(request.method, request.params, viewId);
    post(port, { kind: 'response', id: request.id, ok: true, result });
  } catch (error) {
    post(port, { kind: 'response', id: request.id, ok: false, error: toUiError(error) });
  }
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

