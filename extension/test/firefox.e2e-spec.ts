import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { EvaluateFunc, Page } from 'puppeteer-core';
import { RunningServer, startServer, tempDir, waitFor } from '../../backend/test/support/server';
import { TestUser, uniqueName } from './support/api';
import { PAGES } from './support/browser';
import { DIST_FIREFOX, FirefoxProfile, firefoxManifest } from './support/firefox';

/**
 * The Firefox build in real Firefox (Debian's firefox-esr, driven over WebDriver BiDi) against the
 * real server: alice uses the add-on, bob is another user's client calling the API. The tests run in
 * order and share alice's profile.
 */
jest.setTimeout(60_000);

const WEB_EXT = path.join(path.dirname(require.resolve('web-ext')), 'bin/web-ext.js');

let server: RunningServer | undefined;
let firefox: FirefoxProfile | undefined;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  server = await startServer();
  [alice, bob] = await Promise.all([
    TestUser.register(server.url, uniqueName('alice')),
    TestUser.register(server.url, uniqueName('bob')),
  ]);
  firefox = await FirefoxProfile.launch();
});

afterAll(async () => {
  await firefox?.close();
  await server?.kill();
});

function profile(): FirefoxProfile {
  if (!firefox) throw new Error('Firefox did not start.');
  return firefox;
}

/**
 * Polls `check` in the page until it returns something other than false, null or undefined (the
 * page's own waiting helpers need `Function()`, which an extension page's CSP refuses).
 */
function until<Params extends unknown[], Func extends EvaluateFunc<Params>>(
  page: Page,
  what: string,
  check: Func,
  ...args: Params
): Promise<NonNullable<Awaited<ReturnType<Func>>>> {
  return waitFor<NonNullable<Awaited<ReturnType<Func>>>>(async () => (await page.evaluate(check, ...args)) ?? undefined, {
    what,
    timeoutMs: 10_000,
  });
}

/**
 * Polls `check` against the document of the sidebar's page. The sidebar is browser UI that WebDriver
 * cannot reach, so an extension tab reaches it and runs `check` there.
 */
function untilInSidebar<T, A extends unknown[]>(
  bridge: Page,
  what: string,
  check: (doc: Document, ...args: A) => T,
  ...args: A
): Promise<NonNullable<T>> {
  const sidebarDocument = `browser.extension.getViews({ type: 'sidebar' })[0].document`;
  const expression = `(${check.toString()})(${sidebarDocument}, ...${JSON.stringify(args)})`;
  return waitFor<NonNullable<T>>(async () => ((await bridge.evaluate(expression)) as T | null) ?? undefined, {
    what,
    timeoutMs: 10_000,
  });
}

/** Replaces a field's text by typing, as a user does. */
async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await page.focus(selector);
  await page.$eval(selector, (input) => (input as HTMLInputElement).select());
  await page.keyboard.type(text);
}

test('the Firefox build is an event page with a sidebar, and web-ext lint finds nothing', async () => {
  const manifest = firefoxManifest();
  expect(manifest.background).toEqual({ scripts: [expect.any(String)], type: 'module' });
  expect(manifest.sidebar_action.default_panel).toBe(PAGES.sidePanel);
  expect(manifest.side_panel).toBeUndefined();
  expect(manifest.browser_specific_settings.gecko.strict_min_version).toMatch(/^\d+\.\d+$/);

  const lint = await promisify(execFile)(process.execPath, [WEB_EXT, 'lint', '--warnings-as-errors', '--source-dir', DIST_FIREFOX]).catch(
    (failure: unknown) => {
      throw new Error(`web-ext lint found problems:\n${(failure as { stdout?: string }).stdout ?? String(failure)}`);
    },
  );
  expect(lint.stdout).toMatch(/errors\s+0\s+notices\s+0\s+warnings\s+0/);
});

test('signs in from the toolbar popup', async () => {
  const firefox = profile();
  const options = await firefox.open(PAGES.options);
  await until(options, 'the settings form', () => document.querySelector('input[name=serverUrl]') !== null || undefined);
  await typeInto(options, 'input[name=serverUrl]', server?.url ?? '');
  await options.click('button[type=submit]');
  await until(options, '"Saved."', () => document.querySelector('[role=status]')?.textContent === 'Saved.' || undefined);
  await options.close();

  const popup = await firefox.open(PAGES.popup);
  await until(popup, 'the login form', () => document.querySelector('input[name=username]') !== null || undefined);
  await typeInto(popup, 'input[name=username]', alice.username);
  await typeInto(popup, 'input[name=password]', alice.password);
  await popup.click('form.login button[type=submit]');
  const shownUser = await until(popup, 'signed in', () => document.querySelector('.topbar .user')?.textContent);
  expect(shownUser).toBe(alice.username);
  await popup.close();
});

test('with the sidebar and every page closed, a DM raises the badge', async () => {
  const firefox = profile();
  await firefox.closePages();
  expect(await firefox.sidebarIsOpen()).toBe(false);
  expect(await firefox.badge()).toBe('');

  await bob.send(alice.username, 'Lunch at noon?');
  const start = Date.now();
  await waitFor(async () => (await firefox.badge()) === '1', { what: 'badge "1"', timeoutMs: 5_000 });
  console.log(`Firefox: badge raised ${Date.now() - start} ms after the DM was sent`);
});

test('the popup opens the sidebar; reading there clears the badge, and a reply is sent from it', async () => {
  const firefox = profile();
  const popup = await firefox.open(PAGES.popup);
  const sidePanelButton = 'button[aria-label="Open in side panel"]';
  await until(popup, 'the side panel button', (button) => document.querySelector(button) !== null || undefined, sidePanelButton);
  await popup.click(sidePanelButton);
  const sidePanelUrl = firefox.url(PAGES.sidePanel);
  await waitFor(async () => (await firefox.sidebarPage()) === sidePanelUrl, { what: 'the side panel page in the sidebar' });
  const bridge = await firefox.open(PAGES.options);

  await untilInSidebar(bridge, 'the conversation with bob, unread', (doc, bobName) => {
    const row = doc.querySelector<HTMLElement>(`[data-conversation="${bobName}"]`);
    if (!row?.getAttribute('aria-label')?.endsWith('1 unread')) return undefined;
    row.click();
    return true;
  }, bob.username);
  await untilInSidebar(bridge, 'the DM in the sidebar', (doc) =>
    [...doc.querySelectorAll('.messages li.message .text')].some((text) => text.textContent === 'Lunch at noon?') || undefined,
  );
  await waitFor(async () => (await firefox.badge()) === '', { what: 'the badge cleared', timeoutMs: 5_000 });

  await untilInSidebar(bridge, 'the reply typed', (doc) => {
    const box = doc.querySelector<HTMLTextAreaElement>('.composer textarea');
    if (!box) return undefined;
    box.value = 'Yes, see you there';
    box.dispatchEvent(new Event('input', { bubbles: true }));
    return true;
  });
  await untilInSidebar(bridge, 'the reply sent', (doc) => {
    const box = doc.querySelector<HTMLTextAreaElement>('.composer textarea');
    if (box?.value !== 'Yes, see you there') return undefined;
    doc.querySelector<HTMLButtonElement>('.composer button[type=submit]')?.click();
    return true;
  });
  await waitFor(
    async () => (await bob.history(alice.username)).messages.some((m) => m.message === 'Yes, see you there'),
    { what: 'bob has the reply', timeoutMs: 5_000 },
  );
  await untilInSidebar(bridge, 'the reply shown as sent', (doc) =>
    [...doc.querySelectorAll('.messages li.message:not(.pending) .text')].some((text) => text.textContent === 'Yes, see you there') ||
    undefined,
  );
  await bridge.close();
  await firefox.closeSidebar();
});

test('a stopped event page is woken by the popup with the session, the badge and every message', async () => {
  const firefox = profile();
  await firefox.closePages();
  expect(await firefox.sidebarIsOpen()).toBe(false);
  await bob.send(alice.username, 'before the stop');
  await waitFor(async () => (await firefox.badge()) === '1', { what: 'badge "1"', timeoutMs: 5_000 });

  await firefox.stopBackground();
  expect(await firefox.backgroundState()).toBe('stopped');
  await bob.send(alice.username, 'while it was stopped');

  const popup = await firefox.open(PAGES.popup);
  const shownUser = await until(popup, 'signed in after the restart', () => document.querySelector('.topbar .user')?.textContent);
  expect(shownUser).toBe(alice.username);
  expect(await firefox.backgroundState()).toBe('running');
  const bobRow = `[data-conversation="${bob.username}"]`;
  const unreadCount = (row: string) => document.querySelector(row)?.getAttribute('aria-label')?.endsWith('2 unread') || undefined;
  await until(popup, '2 unread from bob', unreadCount, bobRow);
  await waitFor(async () => (await firefox.badge()) === '2', { what: 'badge "2"', timeoutMs: 5_000 });

  await popup.click(bobRow);
  const texts = await until(popup, 'both messages', () => {
    const shown = [...document.querySelectorAll('.messages li.message .text')].map((text) => text.textContent);
    return shown.includes('while it was stopped') ? shown : undefined;
  });
  expect(texts.filter((text) => text === 'before the stop')).toHaveLength(1);
  expect(texts.filter((text) => text === 'while it was stopped')).toHaveLength(1);
  await waitFor(async () => (await firefox.badge()) === '', { what: 'the badge cleared', timeoutMs: 5_000 });
  await popup.close();
});

test('files chosen with 📎 are uploaded from the page and sent: an image shows as a thumbnail, a text file is offered for download', async () => {
  const dir = tempDir();
  const file = path.join(dir.dir, 'minutes.txt');
  writeFileSync(file, 'Minutes of the Firefox meeting\n');
  const image = path.join(dir.dir, 'pixel.png');
  writeFileSync(image, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'));
  const popup = await profile().open(PAGES.popup);
  const bobRow = `[data-conversation="${bob.username}"]`;
  await until(popup, 'the conversation with bob', (row) => document.querySelector(row) !== null || undefined, bobRow);
  await popup.click(bobRow);
  await until(popup, 'the 📎 button', () => document.querySelector('button.attach') !== null || undefined);
  const chooser = await popup.$('input[type=file]');
  if (!chooser) throw new Error('no file input beside 📎');
  await chooser.uploadFile(file, image);
  await until(popup, 'both files uploaded', () =>
    (document.querySelector('button[aria-label="Remove minutes.txt"]') && document.querySelector('button[aria-label="Remove pixel.png"]')) ? true : undefined,
  );
  await popup.click('.composer button[type=submit]');

  const sent = await waitFor(
    async () => (await bob.history(alice.username)).messages.find((m) => m.attachments?.some((a) => a.name === 'minutes.txt')),
    { what: 'bob has the file', timeoutMs: 5_000 },
  );
  // The server takes a file's type from its first bytes: plain text has no signature.
  expect(sent.attachments).toEqual([
    expect.objectContaining({ name: 'minutes.txt', mime: 'application/octet-stream', size: 31 }),
    expect.objectContaining({ name: 'pixel.png', mime: 'image/png', width: 1, height: 1 }),
  ]);
  await until(popup, 'the Download button', () => document.querySelector('button[aria-label="Download minutes.txt"]') !== null || undefined);
  // Fetched with the token into a blob: URL, as in Chromium.
  await until(popup, 'the thumbnail', () => document.querySelector<HTMLImageElement>('img[alt="pixel.png"]')?.src.startsWith('blob:') || undefined);
  await popup.close();
  dir.remove();
});

test('the Send to ChatRoom menu (Firefox: menus) offers the conversation with bob, also after the event page was stopped', async () => {
  const page = await profile().open(PAGES.options);
  // Updating an item that is not there fails; Firefox has no call that lists them.
  const hasItem = (id: string) =>
    (globalThis as unknown as { browser: { menus: { update(id: string, changes: object): Promise<void> } } }).browser.menus
      .update(id, {})
      .then(() => true, () => undefined);
  await until(page, 'bob in the menu', hasItem, `share:to:${bob.username}`);
  await until(page, 'Choose… in the menu', hasItem, 'share:choose');
  expect(await page.evaluate(hasItem, 'share:to:nobody')).toBeUndefined();
  await page.close();
});
