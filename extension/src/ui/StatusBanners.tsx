import type { WorkerSnapshot } from '@chatroom/shared';
import { t } from '../platform/i18n';
import { screens, useOnDemand } from './on-demand';

/** `onDismiss`: the ✕ of the announcement, given its text (the banner stays closed until the text changes). */
export function StatusBanners({ snapshot, onDismiss }: { snapshot: WorkerSnapshot; onDismiss: (announcement: string) => void }) {
  const announcement = snapshot.announcementDismissed ? '' : (snapshot.announcement?.announcement ?? '');
  // Its links need the message text's code, fetched with the conversation view; the banner shows with them.
  const views = useOnDemand(screens, Boolean(announcement));
  const queued = snapshot.outbox.filter((item) => !item.error).length;
  return (
    <>
      {snapshot.connection === 'offline' && (
        <p class="banner offline" role="status">
          {t('bannerOffline', snapshot.settings.serverUrl)}
          {queued > 0 && ` ${queued === 1 ? t('bannerQueuedOne') : t('bannerQueuedMany', String(queued))}`}
        </p>
      )}
      {announcement && views && (
        <p class="banner announcement" role="note" aria-label={t('bannerAnnouncement')}>
          <span class="grow">
            <strong>{t('bannerAnnouncement')}: </strong>
            <views.MessageText text={announcement} />
          </span>
          <button type="button" class="icon dismiss" aria-label={t('dismissAnnouncement')} title={t('dismissAnnouncement')} onClick={() => onDismiss(announcement)}>
            ✕
          </button>
        </p>
      )}
    </>
  );
}
