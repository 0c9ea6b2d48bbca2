import { dayLabel } from './day-label';

/** Above the first message of each day in a conversation (issue #13). */
export function DaySeparator({ timestamp }: { timestamp: string }) {
  const label = dayLabel(timestamp);
  return (
    <li class="day-separator" role="separator" aria-label={label}>
      <span>{label}</span>
    </li>
  );
}
