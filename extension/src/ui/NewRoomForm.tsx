import { LIMITS } from '@chatroom/shared';
import { useState } from 'preact/hooks';
import { t } from '../platform/i18n';
import type { WorkerConnector } from './connector';
import { failureText } from './error-text';

export function NewRoomForm(props: { connector: WorkerConnector; candidates: string[]; onCancel: () => void; onCreated: (roomId: string) => void }) {
  const [picked, setPicked] = useState<string[]>([]);
  const [extra, setExtra] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const candidates = [...new Set([...props.candidates, ...picked])].sort();

  function toggle(user: string) {
    setPicked((current) => (current.includes(user) ? current.filter((u) => u !== user) : [...current, user]));
  }

  async function create() {
    const typed = extra.split(/[\s,]+/).filter(Boolean);
    const participants = [...new Set([...picked, ...typed])];
    if (!participants.length) {
      setError(t('newGroupPickSomeone'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const room = await props.connector.request('createRoom', { participants, name: name.trim() || undefined });
      props.onCreated(room.room_id);
    } catch (failure) {
      setError(failureText(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="new-room" aria-labelledby="new-room-title">
      <header class="bar">
        <button class="icon" aria-label={t('cancel')} onClick={props.onCancel}>
          ←
        </button>
        <h2 id="new-room-title">{t('appNewGroup')}</h2>
      </header>
      <form
        class="pad"
        onSubmit={(event) => {
          event.preventDefault();
          void create();
        }}
      >
        <label>
          {t('newGroupName')}
          <input value={name} maxLength={LIMITS.roomNameMax} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <fieldset>
          <legend>{t('newGroupParticipants')}</legend>
          {candidates.length ? (
            candidates.map((user) => (
              <label key={user} class="check">
                <input type="checkbox" checked={picked.includes(user)} onChange={() => toggle(user)} />
                {user}
              </label>
            ))
          ) : (
            <p class="muted">{t('newGroupNobody')}</p>
          )}
          <label>
            {t('newGroupOthers')}
            <input value={extra} onInput={(e) => setExtra(e.currentTarget.value)} />
          </label>
        </fieldset>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('newGroupCreate')}
        </button>
      </form>
    </section>
  );
}
