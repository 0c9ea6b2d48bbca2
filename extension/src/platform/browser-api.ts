/**
 * The one place that touches extension APIs. Everything else takes these functions as plain
 * dependencies, so the worker's logic runs in Node tests and the views in any page.
 *
 * The same code runs in Chromium and in Firefox: where the two differ, the function asks which API
 * exists (never which browser it is).
 */
import browser, { Idle, Runtime } from 'webextension-polyfill';

export type Port = Runtime.Port;

/** The part of `storage.local` the worker needs; a Map-backed one stands in for it in tests. */
export interface KeyValueStore {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/** `storage.local`: survives the worker being stopped and the browser restarting. */
export const localStore: KeyValueStore = {
  get: (keys) => browser.storage.local.get(keys),
  set: (items) => browser.storage.local.set(items),
  remove: (keys) => browser.storage.local.remove(keys),
};

export async function setBadgeText(text: string): Promise<void> {
  await browser.action.setBadgeBackgroundColor({ color: '#d93025' });
  await browser.action.setBadgeText({ text });
}

export async function showNotification(id: string, title: string, message: string): Promise<void> {
  await browser.notifications.create(id, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('icons/icon128.png'),
    title,
    message,
  });
}

export function onNotificationClicked(listener: (id: string) => void): void {
  browser.notifications.onClicked.addListener(listener);
}

export async function clearNotification(id: string): Promise<void> {
  await browser.notifications.clear(id);
}

/** Creates a repeating alarm unless one of that name exists; recreating would reset its schedule. */
export async function ensureAlarm(name: string, periodInMinutes: number): Promise<void> {
  const existing = await browser.alarms.get(name);
  if (!existing) await browser.alarms.create(name, { periodInMinutes });
}

export function onAlarm(listener: (name: string) => void): void {
  browser.alarms.onAlarm.addListener((alarm) => listener(alarm.name));
}

export function onCommand(listener: (command: string, windowId: number | undefined) => void): void {
  browser.commands.onCommand.addListener((command, tab) => listener(command, tab?.windowId));
}

export function onStartup(listener: () => void): void {
  browser.runtime.onStartup.addListener(listener);
  browser.runtime.onInstalled.addListener(listener);
}

/** Only this extension's own pages may drive the worker. */
export function onViewConnect(portName: string, listener: (port: Port) => void): void {
  browser.runtime.onConnect.addListener((port) => {
    const ownOrigin = browser.runtime.getURL('');
    if (port.name !== portName || port.sender?.id !== browser.runtime.id || !port.sender.url?.startsWith(ownOrigin)) {
      port.disconnect();
      return;
    }
    listener(port);
  });
}

export function connectToWorker(portName: string): Port {
  return browser.runtime.connect({ name: portName });
}

/**
 * Opens the side panel (Chromium) or the sidebar (Firefox); must run inside a user gesture: a click or
 * a command, and in Chromium a notification's click too. Firefox forgets the gesture at the first
 * `await`, so its sidebar is opened before anything is awaited, in the current window. Without a
 * window id Chromium's panel opens in the current window.
 */
export function openSidePanel(windowId?: number): Promise<void> {
  const sidebar = firefoxSidebar();
  if (sidebar) return sidebar.open();
  return openChromiumSidePanel(windowId);
}

async function openChromiumSidePanel(windowId: number | undefined): Promise<void> {
  const sidePanel = chromiumSidePanel();
  if (!sidePanel) throw new Error('This browser has no side panel.');
  const id = windowId ?? (await browser.windows.getCurrent()).id;
  if (id === undefined) throw new Error('No browser window to dock the side panel in.');
  await sidePanel.open({ windowId: id });
}

function firefoxSidebar(): typeof browser.sidebarAction | undefined {
  return (browser as Partial<typeof browser>).sidebarAction;
}

function chromiumSidePanel(): typeof chrome.sidePanel | undefined {
  return (globalThis as { chrome?: Partial<typeof chrome> }).chrome?.sidePanel;
}

/** Opens the side panel's page in a small window: the fallback when the panel cannot open. */
export async function openSidePanelWindow(): Promise<void> {
  await browser.windows.create({ url: pageUrl('src/sidepanel/index.html'), type: 'popup', width: 420, height: 640 });
}

export async function lastFocusedWindowId(): Promise<number | undefined> {
  return (await browser.windows.getLastFocused()).id;
}

export function pageUrl(path: string): string {
  return browser.runtime.getURL(path);
}

export async function openOptionsPage(): Promise<void> {
  await browser.runtime.openOptionsPage();
}

/**
 * Host permission for one server's origin; asking needs a user gesture in the calling page, and
 * Firefox forgets the gesture at the first `await`, so this asks at once (an origin already granted
 * is answered `true` without a prompt).
 */
export function requestOriginPermission(origin: string): Promise<boolean> {
  return browser.permissions.request({ origins: [`${origin}/*`] });
}

/**
 * The address of the tab in front when the user opened the popup. The `activeTab` permission makes
 * it readable for that tab alone, for the click that opened the popup, with no access to any page;
 * elsewhere (an extension page in a tab, a panel opened earlier) it is unknown: null.
 */
export async function activeTabAddress(): Promise<string | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.url ?? null;
}

/**
 * The user's presence at this computer: `idle` after `seconds` without input, `locked` with the
 * screen locked, `active` otherwise; `listener` hears each change.
 */
export function watchIdleState(seconds: number, listener: (state: Idle.IdleState) => void): void {
  browser.idle.setDetectionInterval(seconds);
  browser.idle.onStateChanged.addListener(listener);
}

/** The user's presence at this computer now, as `watchIdleState` reports its changes. */
export function queryIdleState(seconds: number): Promise<Idle.IdleState> {
  return browser.idle.queryState(seconds);
}
