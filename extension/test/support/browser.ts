import path from 'node:path';
import { BrowserContext, chromium, Page, Worker } from 'playwright-core';
import { tempDir, waitFor } from '../../../backend/test/support/server';

export const DIST = path.resolve(__dirname, '../../dist');
export const SCREENSHOTS = path.resolve(__dirname, '../../../docs/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const PAGES = {
  popup: 'src/popup/index.html',
  sidePanel: 'src/sidepanel/index.html',
  options: 'src/options/index.html',
} as const;

/** One browser profile with the built extension loaded: one user's browser. */
export class Profile {
  /** Every alert/confirm a page raised; a script injected through a message would land here. */
  readonly dialogs: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly extensionId: string,
    private readonly removeDir: () => void,
  ) {}

  /** `language`: the browser's UI language (Chromium on Linux takes it from the environment), English by default. */
  static async launch({ language = 'en' }: { language?: string } = {}): Promise<Profile> {
    const dir = tempDir('chatroom-profile-');
    const context = await chromium.launchPersistentContext(dir.dir, {
      executablePath: CHROMIUM,
      headless: true,
      locale: language,
      env: { ...process.env, LANGUAGE: language, LANG: `${language}.UTF-8` },
      args: [
        `--lang=${language}`,
        `--disable-extensions-except=${DIST}`,
        `--load-extension=${DIST}`,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    return new Profile(context, new URL(worker.url()).host, dir.remove);
  }

  /** A profile pointed at `serverUrl` with `username` registered through the popup, the popup closed again. */
  static async registered(serverUrl: string, username: string, password: string): Promise<Profile> {
    const profile = await Profile.launch();
    await profile.useServer(serverUrl);
    await (await profile.register(username, password)).close();
    return profile;
  }

  url(page: string): string {
    return `chrome-extension://${this.extensionId}/${page}`;
  }

  async open(page: string, viewport = { width: 380, height: 560 }): Promise<Page> {
    const tab = await this.newTab(viewport);
    await tab.goto(this.url(page));
    return tab;
  }

  /**
   * Opens `page` and times it by the page's own clock: from the start of its navigation until
   * `selector` is in the document, rendered with its handlers. Creating the tab, which the test
   * driver does and a browser opening its popup does not, is left out. `shown`: each text the page
   * showed until then.
   */
  async openTimed(page: string, selector: string): Promise<{ tab: Page; ms: number; shown: string[] }> {
    const tab = await this.newTab({ width: 380, height: 560 });
    await tab.addInitScript((wanted: string) => {
      const seen: { shownAt?: number; texts: string[] } = { texts: [] };
      Object.assign(window, { timedOpen: seen });
      new MutationObserver((_records, observer) => {
        // The script runs before the parser has reached <body>.
        const text = (document.body as HTMLElement | null)?.innerText;
        if (text && seen.texts.at(-1) !== text) seen.texts.push(text);
        if (!document.querySelector(wanted)) return;
        seen.shownAt = performance.now();
        observer.disconnect();
      }).observe(document, { subtree: true, childList: true, characterData: true });
    }, selector);
    await tab.goto(this.url(page));
    await tab.locator(selector).waitFor();
    const { shownAt, texts } = await tab.evaluate(() => (window as unknown as { timedOpen: { shownAt?: number; texts: string[] } }).timedOpen);
    if (shownAt === undefined) throw new Error(`${selector} was never seen appearing in ${page}`);
    return { tab, ms: Math.round(shownAt), shown: texts };
  }

  private async newTab(viewport: { width: number; height: number }): Promise<Page> {
    const tab = await this.context.newPage();
    await tab.setViewportSize(viewport);
    tab.on('dialog', (dialog) => {
      this.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    return tab;
  }

  /** The running worker; a stopped one is woken by opening an extension page. */
  async worker(): Promise<Worker> {
    const find = () =>
      this.context.serviceWorkers().find((w) => w.url().includes(this.extensionId));
    const running = find();
    if (running) return running;
    const waking = this.context.waitForEvent('serviceworker', { timeout: 10_000 });
    const started = find();
    if (started) return started;
    const hasView = this.context.pages().some((page) => page.url().startsWith(`chrome-extension://${this.extensionId}/`));
    const page = hasView ? null : await this.open(PAGES.options);
    const worker = await waking;
    await page?.close();
    return worker;
  }

  async badge(): Promise<string> {
    const worker = await this.worker();
    return worker.evaluate(() => chrome.action.getBadgeText({}));
  }

  async waitForBadge(text: string, timeoutMs: number): Promise<number> {
    const start = Date.now();
    await waitFor(async () => (await this.badge()) === text, { timeoutMs, what: `badge "${text}"` });
    return Date.now() - start;
  }

  /**
   * Stops the worker the way Chrome does when it is idle (CDP), and waits until it has stopped.
   * Playwright keeps the same Worker handle across the restart that the next event causes.
   */
  async stopWorker(): Promise<void> {
    const page = await this.context.newPage();
    const cdp = await this.context.newCDPSession(page);
    const stopped = new Promise<void>((resolve) =>
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        if (versions.some((v) => v.scriptURL.includes(this.extensionId) && v.runningStatus === 'stopped')) resolve();
      }),
    );
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await stopped;
    await cdp.detach();
    await page.close();
  }

  async closePages(): Promise<void> {
    await Promise.all(this.context.pages().map((page) => page.close()));
  }

  async close(): Promise<void> {
    await this.context.close();
    this.removeDir();
  }

  /** Points the extension at `serverUrl` through the options page, as a user would. */
  async useServer(serverUrl: string): Promise<void> {
    const page = await this.open(PAGES.options, { width: 800, height: 600 });
    await page.getByLabel('Server address').fill(serverUrl);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.close();
  }

  /** Registers through the popup and leaves the popup open on the conversation list. */
  register(username: string, password: string): Promise<Page> {
    return this.signIn('Register', username, password);
  }

  /** Logs in through the popup and leaves the popup open on the conversation list. */
  login(username: string, password: string): Promise<Page> {
    return this.signIn('Log in', username, password);
  }

  private async signIn(button: 'Register' | 'Log in', username: string, password: string): Promise<Page> {
    const popup = await this.open(PAGES.popup);
    await popup.getByLabel('Username').fill(username);
    await popup.getByLabel('Password').fill(password);
    await popup.getByRole('button', { name: button }).click();
    await popup.getByRole('button', { name: 'Log out' }).waitFor();
    return popup;
  }
}

export async function openConversation(page: Page, conversation: string): Promise<void> {
  await page.locator(`[data-conversation="${conversation}"]`).click();
  await page.locator('.conversation-view').waitFor();
}

export async function startChat(page: Page, username: string): Promise<void> {
  await page.getByLabel('Start a chat with').fill(username);
  await page.getByRole('button', { name: 'Chat', exact: true }).click();
  await page.locator('.conversation-view').waitFor();
}

/** Types and sends with Enter, as a user does. */
export async function sendMessage(page: Page, text: string): Promise<void> {
  const box = page.locator('.composer textarea');
  await box.fill(text);
  await box.press('Enter');
}

/** The message box of the conversation titled `title`. */
export function composerOf(page: Page, title: string) {
  return page.getByRole('combobox', { name: `Write to ${title}` });
}

export function messageLocator(page: Page, text: string) {
  return page.locator('.messages li.message .text', { hasText: text });
}

/** The message (its whole line: meta, quote, text, reactions) whose text contains `text`. */
export function messageItem(page: Page, text: string) {
  return page.locator('.messages li.message', { has: page.locator('.text', { hasText: text }) });
}

/** Opens a message's "…" menu and chooses one of its actions, as a user does. */
export async function messageAction(page: Page, text: string, action: 'React' | 'Reply' | 'Edit' | 'Delete'): Promise<void> {
  await messageItem(page, text).getByRole('button', { name: /^Actions for/ }).click();
  await page.getByRole('menuitem', { name: action, exact: true }).click();
}
