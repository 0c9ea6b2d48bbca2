import { useState } from 'preact/hooks';
import type { WorkerConnector } from '../ui/connector';
import { failureText } from '../ui/error-text';

/** Saves everything the account can see as a JSON file, through the browser's usual download. */
export function ExportAccount({ connector, username }: { connector: WorkerConnector; username: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function download() {
    setBusy(true);
    setError(null);
    try {
      const { text } = await connector.request('exportAccount', null);
      const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `chatroom-${username}-${new Date().toISOString().slice(0, 10)}.json`;
      link.click();
      // The download has taken its copy once the click is handled.
      setTimeout(() => URL.revokeObjectURL(url));
    } catch (failure) {
      setError(failureText(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="export-title">
      <h2 id="export-title">Your data</h2>
      <p class="muted">Your account, your groups and every message you can see, as one JSON file.</p>
      <button type="button" class="secondary" disabled={busy} onClick={() => void download()}>
        {busy ? 'Preparing…' : 'Download my data'}
      </button>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
