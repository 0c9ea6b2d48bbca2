import { LIMITS } from '@chatroom/shared';
import { useState } from 'preact/hooks';
import { t, tParts } from '../platform/i18n';
import type { WorkerConnector } from './connector';
import { resetCodeFailureText } from './error-text';
import { ErrorLine, PasswordField, UsernameField, useRequest } from './form-parts';

/** Signing in with a one-time reset code from the server's admin, which also sets a new password. */
export function ResetCodeForm({
  connector,
  serverUrl,
  username: typed,
  onBack,
}: {
  connector: WorkerConnector;
  serverUrl: string;
  username: string;
  onBack: () => void;
}) {
  const [username, setUsername] = useState(typed);
  const [code, setCode] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const { busy, error, run } = useRequest(resetCodeFailureText);

  function submit(event: Event) {
    event.preventDefault();
    void run(() => connector.request('login', { username: username.trim(), reset_code: code.trim(), new_password: newPassword }));
  }

  return (
    <form class="login" aria-labelledby="reset-title" onSubmit={submit}>
      <h1 id="reset-title">{t('resetTitle')}</h1>
      <p class="muted">{tParts('resetExplained', <span>{serverUrl}</span>)}</p>
      <UsernameField value={username} onInput={setUsername} />
      <label>
        {t('resetCode')}
        <input
          name="reset_code"
          autoComplete="one-time-code"
          required
          maxLength={LIMITS.codeMax}
          value={code}
          onInput={(event) => setCode(event.currentTarget.value)}
        />
      </label>
      <PasswordField label={t('newPassword')} name="new_password" autoComplete="new-password" value={newPassword} onInput={setNewPassword} />
      <ErrorLine text={error} />
      <div class="row">
        <button type="submit" disabled={busy}>
          {t('resetSubmit')}
        </button>
        <button type="button" class="secondary" onClick={onBack}>
          {t('resetBack')}
        </button>
      </div>
    </form>
  );
}
