import { LIMITS } from '@chatroom/shared';
import { useState } from 'preact/hooks';
import { t } from '../platform/i18n';
import { failureText } from './error-text';

/** A username input with the server's limits. */
export function UsernameField({ value, onInput }: { value: string; onInput: (value: string) => void }) {
  return (
    <label>
      {t('loginUsername')}
      <input
        name="username"
        autoComplete="username"
        required
        minLength={LIMITS.usernameMin}
        maxLength={LIMITS.usernameMax}
        value={value}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
    </label>
  );
}

/** A password input; a new password must meet the server's minimum length, a current one only be given. */
export function PasswordField({
  label,
  name,
  autoComplete,
  value,
  onInput,
}: {
  label: string;
  name?: string;
  autoComplete: 'current-password' | 'new-password';
  value: string;
  onInput: (value: string) => void;
}) {
  return (
    <label>
      {label}
      <input
        name={name}
        type="password"
        required
        autoComplete={autoComplete}
        minLength={autoComplete === 'new-password' ? LIMITS.passwordMin : 1}
        maxLength={LIMITS.passwordMax}
        value={value}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
    </label>
  );
}

export function ErrorLine({ text }: { text: string | null }) {
  return text ? (
    <p class="error" role="alert">
      {text}
    </p>
  ) : null;
}

/**
 * A form's request to the worker: `busy` while it runs, `error` in words when it fails. `run`
 * answers whether the work succeeded.
 */
export function useRequest(words: (failure: unknown) => string = failureText) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(work: () => Promise<unknown>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (failure) {
      setError(words(failure));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, setError, run };
}
