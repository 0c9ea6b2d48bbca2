import { crx } from '@crxjs/vite-plugin';
import { defineConfig, Plugin } from 'vite';
import { extraPages, manifestFor, OUT_DIR, TargetBrowser } from './manifest.config.ts';
import { messagesJson } from './src/locales/catalog.ts';
import { de } from './src/locales/de.ts';
import { en } from './src/locales/en.ts';

/** `vite build` makes the Chromium build; `vite build --mode firefox` the Firefox one, from the same sources. */
export default defineConfig(({ mode }) => {
  const browser: TargetBrowser = mode === 'firefox' ? 'firefox' : 'chromium';
  return {
    plugins: [
      crx({ manifest: manifestFor(browser), browser: browser === 'firefox' ? 'firefox' : 'chrome' }),
      browser === 'firefox' && preactWithoutHtmlSink(),
      localeFiles(),
    ],
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      outDir: OUT_DIR[browser],
      target: browser === 'firefox' ? 'firefox140' : 'chrome116',
      emptyOutDir: true,
      rolldownOptions: { input: extraPages(browser) },
    },
  };
});

/** `_locales/<lang>/messages.json` for `i18n.getMessage` and the manifest's `__MSG_…__` names. */
function localeFiles(): Plugin {
  const languages = { en: messagesJson(en, null), de: messagesJson(en, de) };
  return {
    name: 'chatroom:locale-files',
    generateBundle() {
      for (const [language, messages] of Object.entries(languages)) {
        this.emitFile({ type: 'asset', fileName: `_locales/${language}/messages.json`, source: JSON.stringify(messages, null, 1) });
      }
    },
  };
}

/**
 * Preact's one HTML sink is `dangerouslySetInnerHTML`, which ChatRoom never uses: every text is
 * rendered as text. Firefox's add-on review rejects the sink itself, so the Firefox build sets such a
 * value as text too. The build fails if Preact's code no longer has exactly that one assignment.
 */
function preactWithoutHtmlSink(): Plugin {
  const sink = /\b(\w+)\.innerHTML=(\w+)\.__html\b/g;
  return {
    name: 'chatroom:preact-without-html-sink',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.(module\.js|mjs|js)$/.test(id)) return null;
      const found = code.match(sink)?.length ?? 0;
      if (found !== 1) this.error(`expected one innerHTML assignment in ${id}, found ${found}`);
      return { code: code.replace(sink, '$1.textContent=$2.__html'), map: null };
    },
  };
}
