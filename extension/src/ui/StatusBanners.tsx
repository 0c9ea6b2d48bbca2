import type { WorkerSnapshot } from '@chatroom/shared';
import { MessageText } from './MessageText';

export function StatusBanners({ snapshot }: { snapshot: WorkerSnapshot }) {
  const queued = snapshot.outbox.filter((item) => !item.error).length;
  return (
    <>
      {snapshot.connection === 'offline' && (
        <p class="banner offline" role="status">
          Offline — cannot reach the server at {snapshot.settings.serverUrl}. Retrying…
          {queued > 0 && ` ${queued} message${queued === 1 ? '' : 's'} will be sent when it is back.`}
        </p>
      )}
      {snapshot.announcement?.announcement && (
        <p class="banner announcement" role="note" aria-label="Announcement">
          <strong>Announcement: </strong>
          <MessageText text={snapshot.announcement.announcement} />
        </p>
      )}
    </>
  );
}
