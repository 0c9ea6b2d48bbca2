/**
 * The worker's extension calls: the one place besides page-api.ts (the calls pages make, through the
 * browser's own API) that touches extension APIs. Everything else takes these functions as plain
 * dependencies, so the worker's logic runs in Node tests and the views in any page. The worker's
 * listeners and callback-style calls go through webextension-polyfill.
 *
 * The same code runs in Chromium and in Firefox: where the two differ, the function asks which API
 * exists (never which browser it is).
 */
import browser, { Idle, Menus, Notifications } from 'webextension-polyfill';
import type { Port } from './page-api';

/** The toolbar button's badge: its text, its colour and the button's tooltip. */
export async function setBadge({ text, color, title }: { text: string; color: string; title: string }): Promise<void> {
  await browser.action.setBadgeBackgroundColor({ color });
  await browser.action.setBadgeText({ text });
  await browser.action.setTitle({ title });
}

/**
 * Shows a notification, replacing the one with the same id. `buttons` (two at most) are offered
 * where the browser has notification buttons; Firefox has none and either ignores them or refuses
 * the notification, which is then shown without them: a click on it is the way in there.
 */
export async function showNotification(id: string, title: string, message: string, buttons: string[] = []): Promise<void> {
  const options = { type: 'basic' as const, iconUrl: browser.runtime.getURL('icons/icon128.png'), title, message };
  if (buttons.length) {
    try {
      // The polyfill's types are Firefox's, which has no `buttons`.
      const withButtons = { ...options, buttons: buttons.map((button) => ({ title: button })) } as Notifications.CreateNotificationOptions;
      await browser.notifications.create(id, withButtons);
      return;
    } catch {
      // No buttons here: the plain notification below.
    }
  }
  await browser.notifications.create(id, options);
}

export function onNotificationClicked(listener: (id: string) => void): void {
  browser.notifications.onClicked.addListener(listener);
}

/** A click on a notification's button (`index` in the order given to showNotification); never heard where there are none. */
export function onNotificationButtonClicked(listener: (id: string, index: number) => void): void {
  // Firefox may lack the event altogether, not only the buttons.
  (browser.notifications as Partial<typeof browser.notifications>).onButtonClicked?.addListener(listener);
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

/** One item of the page's context menu; every item shows on a selection, a link, an image and the page. */
export interface MenuEntry {
  id: string;
  title: string;
  parentId?: string;
  separator?: boolean;
}

/** A click on one of the extension's context-menu items, with what the browser said about the page. */
export interface MenuClick {
  menuItemId: string;
  selectionText?: string;
  linkUrl?: string;
  srcUrl?: string;
  mediaType?: string;
  pageUrl?: string;
  /** The tab's title and address: readable for this click through `activeTab`, no `tabs` permission needed. */
  tabTitle?: string;
  tabUrl?: string;
  windowId?: number;
}

/** Firefox calls the API `menus` (and keeps `contextMenus` as another name); Chromium has `contextMenus` only. */
function menusApi(): Menus.Static {
  return (browser as Partial<typeof browser>).menus ?? browser.contextMenus;
}

/**
 * Firefox reads `&` in a menu title as an access key and an omnibox description as plain text;
 * Chromium shows `&` as it is and reads a description as XML. Neither can be asked of the API itself,
 * so this asks for an API only Firefox has.
 */
function isGecko(): boolean {
  return typeof (browser.runtime as { getBrowserInfo?: unknown }).getBrowserInfo === 'function';
}

/** Replaces the extension's context-menu items with `entries` (parents before their children). */
export async function replaceMenus(entries: MenuEntry[]): Promise<void> {
  const menus = menusApi();
  await menus.removeAll();
  for (const entry of entries) {
    await new Promise<void>((resolve, reject) => {
      menus.create(
        {
          id: entry.id,
          title: isGecko() ? entry.title.replaceAll('&', '&&') : entry.title,
          contexts: ['selection', 'link', 'image', 'page'],
          ...(entry.parentId ? { parentId: entry.parentId } : {}),
          ...(entry.separator ? { type: 'separator' as const } : {}),
        },
        () => {
          const error = browser.runtime.lastError;
          if (error) reject(new Error(error.message));
          else resolve();
        },
      );
    });
  }
}

/** Calls `listener` synchronously in the click, so that it may open the side panel (a user gesture). */
export function onMenuClicked(listener: (click: MenuClick) => void): void {
  menusApi().onClicked.addListener((info, tab) =>
    listener({
      menuItemId: String(info.menuItemId),
      selectionText: info.selectionText,
      linkUrl: info.linkUrl,
      srcUrl: info.srcUrl,
      mediaType: info.mediaType,
      pageUrl: info.pageUrl,
      tabTitle: tab?.title,
      tabUrl: tab?.url,
      windowId: tab?.windowId,
    }),
  );
}

/** A line under the address bar: `content` is what choosing it puts in the bar (after the keyword). */
export interface OmniboxSuggestion {
  content: string;
  description: string;
}

/** What the address bar shows for the text typed after the keyword: what Enter does, and the suggestions. */
export interface OmniboxAnswer {
  enter: string;
  suggestions: OmniboxSuggestion[];
}

/** Answers each change of the text typed after the omnibox keyword. */
export function onOmniboxInput(answer: (text: string) => Promise<OmniboxAnswer>): void {
  browser.omnibox.onInputChanged.addListener((text, suggest) => {
    void answer(text).then(({ enter, suggestions }) => {
      browser.omnibox.setDefaultSuggestion({ description: omniboxText(enter) });
      suggest(suggestions.map((s) => ({ content: s.content, description: omniboxText(s.description) })));
    });
  });
}

/** Enter in the address bar after the keyword, with the text typed or the suggestion chosen. */
export function onOmniboxEnter(listener: (text: string) => void): void {
  browser.omnibox.onInputEntered.addListener((text) => listener(text));
}

function omniboxText(text: string): string {
  if (isGecko()) return text;
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`);
}
