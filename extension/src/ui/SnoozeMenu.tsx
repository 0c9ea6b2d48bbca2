import { isInFuture } from '@chatroom/shared';
import { t } from '../platform/i18n';
import { ActionsMenu } from './MessageActions';
import { describeUntil, snoozeUntil } from './snooze';

/**
 * "Snooze notifications: 1 hour / until tomorrow / off" (issue #10): the account's do-not-disturb,
 * which holds back desktop notifications on every device of the user's (the badge still counts).
 */
export function SnoozeMenu({ dndUntil, onSnooze }: { dndUntil: string | null; onSnooze: (until: string | null) => void }) {
  const now = new Date();
  const snoozed = dndUntil !== null && isInFuture(dndUntil, now.getTime()) ? describeUntil(dndUntil, now) : null;
  return (
    <span class="snooze">
      {snoozed && (
        <span class="muted" role="status">
          {t('snoozeSnoozed', snoozed)}
        </span>
      )}
      <ActionsMenu
        label={t('snoozeLabel')}
        title={snoozed ? t('snoozeSnoozedTitle', snoozed) : t('snoozeLabel')}
        icon={snoozed ? '🔕' : '🔔'}
        items={[
          { label: t('snoozeHour'), onSelect: () => onSnooze(snoozeUntil('hour', new Date())) },
          { label: t('snoozeTomorrow'), onSelect: () => onSnooze(snoozeUntil('tomorrow', new Date())) },
          { label: t('snoozeOff'), checked: snoozed === null, onSelect: () => onSnooze(null) },
        ]}
      />
    </span>
  );
}
