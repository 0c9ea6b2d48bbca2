import { render } from 'preact';
import { t } from '../platform/i18n';
import { App, Layout } from './App';
import { WorkerConnector } from './connector';
import { signInForms } from './on-demand';
import './styles.css';

export async function mountApp(layout: Layout): Promise<void> {
  // At once: it needs nothing the awaits below bring, and what the page says may be read before they end.
  document.documentElement.lang = t('pageLanguage');
  const connector = new WorkerConnector();
  connector.connect();
  // Rendered once storage (and for a signed-in user an awake worker) has answered: no "Connecting…" blinks first.
  await connector.preload().catch(() => undefined);
  // Signed out: the login form is what shows first, so it is fetched before the first render.
  if (connector.snapshot && !connector.snapshot.username) await signInForms.load().catch(() => undefined);
  // A file dropped where no view takes it (the conversation view does) would replace the page with the file.
  for (const type of ['dragover', 'drop'] as const) {
    window.addEventListener(type, (event) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
    });
  }
  const root = document.getElementById('app');
  if (!root) throw new Error('The page has no #app element.');
  render(<App connector={connector} layout={layout} />, root);
}
