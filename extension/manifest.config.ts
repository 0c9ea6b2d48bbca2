import type { ManifestV3Export } from '@crxjs/vite-plugin';
import pkg from './package.json' with { type: 'json' };

export type TargetBrowser = 'chromium' | 'firefox';

/** Where each build goes; `npm run build` makes both. */
export const OUT_DIR: Record<TargetBrowser, string> = { chromium: 'dist', firefox: 'dist-firefox' };

/** Firefox's add-on id: it keys the user's stored data, so it never changes once published. */
const GECKO_ID = 'chatroom@chatroom.example';

type Manifest = Extract<ManifestV3Export, { manifest_version: number }>;
type GeckoSettings = NonNullable<Manifest['browser_specific_settings']>['gecko'];

const SIDE_PANEL_PAGE = 'src/sidepanel/index.html';

/** In the browser's language: the build writes `_locales` from src/locales (issue #13). */
const identity = {
  manifest_version: 3,
  name: '__MSG_extName__',
  description: '__MSG_extDescription__',
  default_locale: 'en',
  version: pkg.version,
  icons: { 16: 'icons/icon16.png', 48: 'icons/icon48.png', 128: 'icons/icon128.png' },
  action: { default_popup: 'src/popup/index.html', default_title: 'ChatRoom' },
};
const optionsUi = { page: 'src/options/index.html', open_in_tab: true };
/** `cr bob lunch at 1?` in the address bar (issue #13). */
const omnibox = { keyword: 'cr' };
/**
 * The popup's own shortcut: both browsers open the popup for `_execute_action`, and label it
 * themselves (Chromium ignores a description; the Settings page names it). Chromium does not assign
 * Alt+Shift+C.
 */
const openPopup = { _execute_action: { suggested_key: { default: 'Alt+Shift+M' } } };
const hostAccess = {
  // The default server is local; any other origin is asked for at run time from the options page.
  host_permissions: ['http://localhost/*', 'http://127.0.0.1/*'],
  optional_host_permissions: ['http://*/*', 'https://*/*'],
};

const chromium = {
  ...identity,
  side_panel: { default_path: SIDE_PANEL_PAGE },
  options_ui: optionsUi,
  background: { service_worker: 'src/background/index.ts', type: 'module' },
  // activeTab: the popup reads the address of an invite page it is opened on, and "Send to ChatRoom"
  // the title of the page it was clicked on (no warning, no page access). contextMenus: that menu.
  permissions: ['storage', 'alarms', 'notifications', 'sidePanel', 'activeTab', 'idle', 'contextMenus'],
  ...hostAccess,
  omnibox,
  commands: {
    ...openPopup,
    'open-side-panel': {
      suggested_key: { default: 'Ctrl+Shift+Y', mac: 'Command+Shift+Y' },
      description: '__MSG_openSidePanelCommand__',
    },
  },
} satisfies ManifestV3Export;

const gecko: GeckoSettings = {
  id: GECKO_ID,
  strict_min_version: '140.0',
  // What leaves the browser: the messages, and the credentials, sent to the server the user chose.
  data_collection_permissions: { required: ['personalCommunications', 'authenticationInfo'] },
};

/**
 * The same extension for Firefox: the background is an event page (`scripts`), the side panel is a
 * sidebar (which needs no permission, and whose shortcut Firefox handles itself), and the gecko
 * settings name the add-on and the versions whose APIs it uses.
 */
const firefox = {
  ...identity,
  // Opened when the user asks, as Chromium's side panel is, not at install.
  sidebar_action: {
    default_panel: SIDE_PANEL_PAGE,
    default_title: 'ChatRoom',
    default_icon: 'icons/icon48.png',
    open_at_install: false,
  },
  options_ui: optionsUi,
  background: { scripts: ['src/background/index.ts'], type: 'module' },
  permissions: ['storage', 'alarms', 'notifications', 'activeTab', 'idle', 'menus'],
  ...hostAccess,
  omnibox,
  commands: {
    ...openPopup,
    _execute_sidebar_action: {
      // Firefox on Linux opens its downloads with Ctrl+Shift+Y.
      suggested_key: { default: 'Ctrl+Shift+Y', mac: 'Command+Shift+Y', linux: 'Alt+Shift+Y' },
      description: '__MSG_openSidebarCommand__',
    },
  },
  browser_specific_settings: { gecko, gecko_android: { strict_min_version: '142.0' } },
};

export function manifestFor(browser: TargetBrowser): ManifestV3Export {
  return browser === 'firefox' ? firefox : chromium;
}

/** Pages crxjs does not find in the manifest by itself, so the build must name them. */
export function extraPages(browser: TargetBrowser): Record<string, string> {
  return browser === 'firefox' ? { sidebar: SIDE_PANEL_PAGE } : {};
}
