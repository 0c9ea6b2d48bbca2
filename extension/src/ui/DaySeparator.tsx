import { useEffect, useState } from 'preact/hooks';
import { dayLabel, untilNextDay } from './day-label';

/** Above the first message of each day in a conversation (issue #13); says it again when the day changes while it is shown. */
export function DaySeparator({ timestamp }: { timestamp: string }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    // A second past midnight: a timer may fire a little early, and the label must see the new day.
    const timer = setTimeout(() => setNow(new Date()), untilNextDay(now) + 1000);
    return () => clearTimeout(timer);
  }, [now]);
  const label = dayLabel(timestamp, now);
  return (
    <li class="day-separator" role="separator" aria-label={label}>
      <span>{label}</span>
    </li>
  );
}
