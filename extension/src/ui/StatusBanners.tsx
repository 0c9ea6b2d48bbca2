import type { WorkerSnapshot } from '@chatroom/shared';
import { t } from '../platform/i18n';
import { MessageText } from './MessageText';

export function StatusBanners({ snapshot }: { snapshot: WorkerSnapshot }) {
  const queued = snapshot.outbox.filter((item) => !item.error).length;
  return (
    <>
      {snapshot.connection === 'offline' && (
        <p class="banner offline" role="status">
          {t('bannerOffline', snapshot.settings.serverUrl)}
          {queued > 0 && ` ${queued === 1 ? t('bannerQueuedOne') : t('bannerQueuedMany', String(queued))}`}
        </p>
      )}
      {snapshot.announcement?.announcement && (
        <p class="banner announcement" role="note" aria-label={t('bannerAnnouncement')}>
          <strong>{t('bannerAnnouncement')}: </strong>
          <MessageText text={snapshot.announcement.announcement} />
        </p>
      )}
    </>
  );
}
