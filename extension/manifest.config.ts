import { defineManifest } from '@crxjs/vite-plugin';
import pkg from './package.json' with { type: 'json' };

export default defineManifest({
  manifest_version: 3,
  name: 'ChatRoom',
  description: 'Chat on a self-hosted ChatRoom server from the toolbar popup or a docked side panel.',
  version: pkg.version,
  icons: { 16: 'icons/icon16.png', 48: 'icons/icon48.png', 128: 'icons/icon128.png' },
  action: { default_popup: 'src/popup/index.html', default_title: 'ChatRoom' },
  side_panel: { default_path: 'src/sidepanel/index.html' },
  options_ui: { page: 'src/options/index.html', open_in_tab: true },
  background: { service_worker: 'src/background/index.ts', type: 'module' },
  permissions: ['storage', 'alarms', 'notifications', 'sidePanel'],
  // The default server is local; any other origin is asked for at run time from the options page.
  host_permissions: ['http://localhost/*', 'http://127.0.0.1/*'],
  optional_host_permissions: ['http://*/*', 'https://*/*'],
  commands: {
    'open-side-panel': {
      suggested_key: { default: 'Ctrl+Shift+Y', mac: 'Command+Shift+Y' },
      description: 'Open ChatRoom in the side panel',
    },
  },
});
