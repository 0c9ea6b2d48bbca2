import type { WorkerConnector } from '../ui/connector';
import { ErrorLine, useRequest } from '../ui/form-parts';
import { t } from '../platform/i18n';

/** Saves everything the account can see as a JSON file, through the browser's usual download. */
export function ExportAccount({ connector, username }: { connector: WorkerConnector; username: string }) {
  const { busy, error, run } = useRequest();

  async function download() {
    const { text } = await connector.request('exportAccount', null);
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `chatroom-${username}-${new Date().toISOString().slice(0, 10)}.json`;
    link.click();
    // The download has taken its copy once the click is handled.
    setTimeout(() => URL.revokeObjectURL(url));
  }

  return (
    <section aria-labelledby="export-title">
      <h2 id="export-title">{t('exportTitle')}</h2>
      <p class="muted">{t('exportExplained')}</p>
      <button type="button" class="secondary" disabled={busy} onClick={() => void run(download)}>
        {busy ? t('exportPreparing') : t('exportDownload')}
      </button>
      <ErrorLine text={error} />
    </section>
  );
}
