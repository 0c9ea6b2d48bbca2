import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { Browser, Page } from 'puppeteer-core';

export const DIST_FIREFOX = path.resolve(__dirname, '../../dist-firefox');
const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** The parts of the built manifest the tests read. */
interface FirefoxManifest {
  background: { scripts?: string[]; service_worker?: string; type?: string };
  side_panel?: unknown;
  sidebar_action: { default_panel: string };
  browser_specific_settings: { gecko: { id: string; strict_min_version: string } };
}

/** The built manifest, as Firefox reads it. */
export function firefoxManifest(): FirefoxManifest {
  return JSON.parse(readFileSync(path.join(DIST_FIREFOX, 'manifest.json'), 'utf8')) as FirefoxManifest;
}

const GECKO_ID = firefoxManifest().browser_specific_settings.gecko.id;

/**
 * The WebDriver BiDi calls puppeteer does not wrap: navigating a tab to an extension page (its own
 * `goto` never resolves there) and running script in the browser's own privileged scope. Both reach
 * into puppeteer's internals, which is why its version is pinned.
 */
interface BidiConnection {
  send(method: string, params: object): Promise<{ result: unknown }>;
}
interface EvaluateResult {
  type: 'success' | 'exception';
  result?: { value?: unknown };
  exceptionDetails?: { text: string };
}

/**
 * One Firefox profile (headless Debian `firefox-esr` over WebDriver BiDi) with the Firefox build
 * installed as a temporary add-on, as `about:debugging` would.
 */
export class FirefoxProfile {
  private constructor(
    readonly browser: Browser,
    /** The `moz-extension://` host, chosen by the test so that page addresses are known in advance. */
    readonly uuid: string,
  ) {}

  static async launch(): Promise<FirefoxProfile> {
    const uuid = randomUUID();
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      // Without it, Firefox refuses to navigate a tab to a moz-extension:// page over BiDi.
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
        // A permission asked for from a click is granted as if the user had answered the prompt.
        'extensions.webextOptionalPermissionPrompts': false,
      },
    });
    try {
      await browser.installExtension(DIST_FIREFOX);
    } catch (error) {
      await browser.close();
      throw error;
    }
    return new FirefoxProfile(browser, uuid);
  }

  url(page: string): string {
    return `moz-extension://${this.uuid}/${page}`;
  }

  /** Opens one of the extension's pages in a new tab. */
  async open(page: string): Promise<Page> {
    const tab = await this.browser.newPage();
    const context = (tab.mainFrame() as unknown as { _id: string })._id;
    await this.bidi('browsingContext.navigate', { context, url: this.url(page), wait: 'complete' });
    return tab;
  }

  async closePages(): Promise<void> {
    const pages = await this.browser.pages();
    await Promise.all(pages.filter((page) => page.url().startsWith('moz-extension:')).map((page) => page.close()));
  }

  async close(): Promise<void> {
    await this.browser.close();
  }

  /** The badge text on the add-on's toolbar button, read from the browser, not through the add-on. */
  badge(): Promise<string> {
    return this.inBrowserScope<string>(`(() => {
      const action = ExtensionParent.apiManager.global.browserActionFor(extension()).action;
      return action.getProperty(window, 'badgeText');
    })()`);
  }

  /** `running` or `stopped`: whether the event page is alive. */
  backgroundState(): Promise<string> {
    return this.inBrowserScope<string>('String(extension().backgroundState)');
  }

  /** Stops the event page as Firefox does when it has been idle, and waits until it has stopped. */
  async stopBackground(): Promise<void> {
    await this.inBrowserScope('extension().terminateBackground({ ignoreDevToolsAttached: true })');
  }

  /** The address of the page the sidebar shows (`about:blank` while it loads). */
  sidebarPage(): Promise<string | undefined> {
    return this.inBrowserScope<string | undefined>(
      `SidebarController.browser.contentDocument.getElementById('webext-panels-browser')?.currentURI.spec`,
    );
  }

  async closeSidebar(): Promise<void> {
    await this.inBrowserScope('SidebarController.hide()');
  }

  sidebarIsOpen(): Promise<boolean> {
    return this.inBrowserScope<boolean>('SidebarController.isOpen');
  }

  private async bidi(method: string, params: object): Promise<unknown> {
    const { connection } = this.browser as unknown as { connection: BidiConnection };
    return (await connection.send(method, params)).result;
  }

  /**
   * Evaluates `expression` in the first browser window's privileged scope (where Firefox's own UI
   * runs), with `ExtensionParent` and `extension()` (this add-on's parent-side object) in scope.
   */
  private async inBrowserScope<T>(expression: string): Promise<T> {
    const tree = (await this.bidi('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 })) as {
      contexts: { context: string }[];
    };
    const window = tree.contexts[0];
    if (!window) throw new Error('Firefox has no browser window.');
    const wrapped = `(async () => {
      const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
      const extension = () => ExtensionParent.GlobalManager.getExtension(${JSON.stringify(GECKO_ID)});
      return await ${expression};
    })()`;
    const evaluated = (await this.bidi('script.evaluate', {
      expression: wrapped,
      target: { context: window.context },
      awaitPromise: true,
    })) as EvaluateResult;
    if (evaluated.type === 'exception') throw new Error(`In Firefox: ${evaluated.exceptionDetails?.text ?? 'exception'}`);
    return evaluated.result?.value as T;
  }
}
