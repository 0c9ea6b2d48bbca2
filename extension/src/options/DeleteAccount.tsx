import { useState } from 'preact/hooks';
import type { WorkerConnector } from '../ui/connector';
import { ErrorLine, PasswordField, useRequest } from '../ui/form-parts';
import { t } from '../platform/i18n';

/** Deleting asks twice: the button opens the form, whose own button, with the password, deletes. */
export function DeleteAccount({ connector }: { connector: WorkerConnector }) {
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [erase, setErase] = useState(false);
  const { busy, error, run } = useRequest();

  function submit(event: Event) {
    event.preventDefault();
    void run(() => connector.request('deleteAccount', { password, erase }));
  }

  return (
    <section aria-labelledby="delete-title">
      <h2 id="delete-title">{t('deleteTitle')}</h2>
      {!open ? (
        <button type="button" class="danger" onClick={() => setOpen(true)}>
          {t('deleteOpen')}
        </button>
      ) : (
        <form onSubmit={submit}>
          <p>{t('deleteExplained')}</p>
          <PasswordField label={t('yourPassword')} autoComplete="current-password" value={password} onInput={setPassword} />
          <label class="check">
            <input type="checkbox" checked={erase} onChange={(event) => setErase(event.currentTarget.checked)} />
            {t('deleteErase')}
          </label>
          <ErrorLine text={error} />
          <div class="row">
            <button type="submit" class="danger" disabled={busy}>
              {t('deleteConfirm')}
            </button>
            <button type="button" class="secondary" onClick={() => setOpen(false)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
