import { useState } from 'preact/hooks';
import type { WorkerConnector } from '../ui/connector';
import { ErrorLine, PasswordField, useRequest } from '../ui/form-parts';

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
      <h2 id="delete-title">Delete account</h2>
      {!open ? (
        <button type="button" class="danger" onClick={() => setOpen(true)}>
          Delete my account…
        </button>
      ) : (
        <form onSubmit={submit}>
          <p>
            Your account ends for good: you are signed out everywhere, you leave your groups (those you run pass to their
            longest-standing member) and nobody can take your name. Your messages stay, unless you erase them below.
          </p>
          <PasswordField label="Your password" autoComplete="current-password" value={password} onInput={setPassword} />
          <label class="check">
            <input type="checkbox" checked={erase} onChange={(event) => setErase(event.currentTarget.checked)} />
            Also erase the text of every message I sent
          </label>
          <ErrorLine text={error} />
          <div class="row">
            <button type="submit" class="danger" disabled={busy}>
              Delete my account for good
            </button>
            <button type="button" class="secondary" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
