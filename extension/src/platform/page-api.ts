/**
 * The extension calls the pages make (popup, side panel, options), and the few of them the worker
 * makes too. Each of them returns a promise in Chromium (116 and later, Manifest V3) and in Firefox,
 * so this module talks to the browser's own API: the pages load no polyfill (issue #13's budget for
 * the popup). The rest of the worker's calls are in browser-api.ts.
 */
import type { Browser, Runtime } from 'webextension-polyfill';

export type Port = Runtime.Port;

/** Firefox's `browser`, else Chromium's `chrome`; told apart as the polyfill does it. */
const browser: Browser = (() => {
  const global = globalThis as unknown as { browser?: Browser; chrome?: Browser };
  return (global.browser?.runtime.id ? global.browser : global.chrome) as Browser;
})();

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

/** A keyboard shortcut of the manifest's `commands`, as the user has set it ('' when none is set). */
export interface Shortcut {
  name: string;
  description: string;
  shortcut: string;
}

export async function shortcuts(): Promise<Shortcut[]> {
  const commands = await browser.commands.getAll();
  return commands.map((c) => ({ name: c.name ?? '', description: c.description ?? '', shortcut: c.shortcut ?? '' }));
}

/**
 * Opens the browser's page for changing the extension's shortcuts: Firefox has a call for it; Chromium
 * has a page a new tab may open (no permission needed).
 */
export async function openShortcutSettings(): Promise<void> {
  const commands = browser.commands as { openShortcutSettings?: () => Promise<void> };
  if (commands.openShortcutSettings) await commands.openShortcutSettings();
  else await browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
}
