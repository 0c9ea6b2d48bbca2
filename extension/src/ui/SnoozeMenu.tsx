import { isInFuture } from '@chatroom/shared';
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
          Snoozed {snoozed}
        </span>
      )}
      <ActionsMenu
        label="Snooze notifications"
        title={snoozed ? `Notifications snoozed ${snoozed}` : 'Snooze notifications'}
        icon={snoozed ? '🔕' : '🔔'}
        items={[
          { label: '1 hour', onSelect: () => onSnooze(snoozeUntil('hour', new Date())) },
          { label: 'Until tomorrow', onSelect: () => onSnooze(snoozeUntil('tomorrow', new Date())) },
          { label: 'Off', checked: snoozed === null, onSelect: () => onSnooze(null) },
        ]}
      />
    </span>
  );
}
