import { useState } from 'preact/hooks';
import type { WorkerConnector } from '../ui/connector';
import { ErrorLine, PasswordField, useRequest } from '../ui/form-parts';
import { t } from '../platform/i18n';

/** Every other session of the account ends on the server; `onChanged` lets the session list show it. */
export function ChangePassword({ connector, onChanged }: { connector: WorkerConnector; onChanged: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeated, setRepeated] = useState('');
  const [changed, setChanged] = useState(false);
  const { busy, error, setError, run } = useRequest();

  async function submit(event: Event) {
    event.preventDefault();
    setChanged(false);
    if (next !== repeated) {
      setError(t('passwordsDiffer'));
      return;
    }
    if (!(await run(() => connector.request('changePassword', { current_password: current, new_password: next })))) return;
    setCurrent('');
    setNext('');
    setRepeated('');
    setChanged(true);
    onChanged();
  }

  return (
    <section aria-labelledby="password-title">
      <h2 id="password-title">{t('passwordTitle')}</h2>
      <form onSubmit={(event) => void submit(event)}>
        <PasswordField label={t('currentPassword')} autoComplete="current-password" value={current} onInput={setCurrent} />
        <PasswordField label={t('newPassword')} autoComplete="new-password" value={next} onInput={setNext} />
        <PasswordField label={t('newPasswordAgain')} autoComplete="new-password" value={repeated} onInput={setRepeated} />
        <button type="submit" disabled={busy}>
          {t('changePassword')}
        </button>{' '}
        {changed && (
          <span role="status" class="saved">
            {t('passwordChanged')}
          </span>
        )}
        <ErrorLine text={error} />
      </form>
    </section>
  );
}
