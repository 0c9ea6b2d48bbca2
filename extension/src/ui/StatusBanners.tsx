import type { WorkerSnapshot } from '@chatroom/shared';
import { screens, useOnDemand } from './on-demand';

export function StatusBanners({ snapshot }: { snapshot: WorkerSnapshot }) {
  const announcement = snapshot.announcement?.announcement;
  // Its links need the message text's code, fetched with the conversation view; the banner shows with them.
  const views = useOnDemand(screens, Boolean(announcement));
  const queued = snapshot.outbox.filter((item) => !item.error).length;
  return (
    <>
      {snapshot.connection === 'offline' && (
        <p class="banner offline" role="status">
          Offline — cannot reach the server at {snapshot.settings.serverUrl}. Retrying…
          {queued > 0 && ` ${queued} message${queued === 1 ? '' : 's'} will be sent when it is back.`}
        </p>
      )}
      {announcement && views && (
        <p class="banner announcement" role="note" aria-label="Announcement">
          <strong>Announcement: </strong>
          <views.MessageText text={announcement} />
        </p>
      )}
    </>
  );
}
