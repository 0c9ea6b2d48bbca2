import { LIMITS, Room } from '@chatroom/shared';
import { useState } from 'preact/hooks';
import { t } from '../platform/i18n';
import type { WorkerConnector } from './connector';
import { failureText } from './error-text';

export function RoomDetails(props: { connector: WorkerConnector; room: Room; me: string; onBack: () => void; onLeft: () => void }) {
  const { connector, room, me } = props;
  const isAdmin = room.admin === me;
  const [newMember, setNewMember] = useState('');
  const [name, setName] = useState(room.name);
  const [error, setError] = useState<string | null>(null);

  async function act(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(failureText(failure));
    }
  }

  return (
    <section class="room-details" aria-labelledby="room-title">
      <header class="bar">
        <button class="icon" aria-label={t('roomBack')} onClick={props.onBack}>
          ←
        </button>
        <h2 id="room-title">{room.name}</h2>
      </header>
      <div class="pad">
        {isAdmin && (
          <form
            class="row"
            onSubmit={(event) => {
              event.preventDefault();
              void act(() => connector.request('renameRoom', { room_id: room.room_id, name: name.trim() }));
            }}
          >
            <label class="grow">
              {t('newGroupName')}
              <input value={name} maxLength={LIMITS.roomNameMax} required onInput={(e) => setName(e.currentTarget.value)} />
            </label>
            <button type="submit">{t('roomRename')}</button>
          </form>
        )}
        <h3>{t('roomMembersCount', String(room.participants.length))}</h3>
        <ul class="members" aria-label={t('conversationMembers')}>
          {room.participants.map((member) => (
            <li key={member}>
              <span>
                {member}
                {member === room.admin && <span class="muted"> {t('roomAdmin')}</span>}
                {member === me && <span class="muted"> {t('roomYou')}</span>}
              </span>
              {isAdmin && member !== me && (
                <button
                  class="link"
                  aria-label={t('roomRemoveMember', member)}
                  onClick={() => void act(() => connector.request('removeMember', { room_id: room.room_id, username: member }))}
                >
                  {t('roomRemove')}
                </button>
              )}
            </li>
          ))}
        </ul>
        {isAdmin && (
          <form
            class="row"
            onSubmit={(event) => {
              event.preventDefault();
              void act(async () => {
                await connector.request('addMember', { room_id: room.room_id, username: newMember.trim() });
                setNewMember('');
              });
            }}
          >
            <label class="grow">
              {t('roomAddMember')}
              <input value={newMember} required onInput={(e) => setNewMember(e.currentTarget.value)} />
            </label>
            <button type="submit">{t('roomAdd')}</button>
          </form>
        )}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button
          class="danger"
          onClick={() =>
            void act(async () => {
              await connector.request('leaveRoom', { room_id: room.room_id });
              props.onLeft();
            })
          }
        >
          {t('roomLeave')}
        </button>
      </div>
    </section>
  );
}
