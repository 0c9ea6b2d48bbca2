/** Messages from one sender this close together (and on one day, nothing between) read as one group. */
export const GROUP_WINDOW_MS = 5 * 60 * 1000;

export interface Placed {
  /** The first message shown of its local day: a day separator goes above it. */
  newDay: boolean;
  /** It follows the sender's previous message closely: its name and avatar are not repeated. */
  continues: boolean;
}

interface Line {
  id: number;
  sender: string;
  timestamp: string;
  kind: string;
}

/** Whether two instants fall on the same calendar day where the browser is. */
export function sameLocalDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/**
 * Where each message of a conversation (oldest first) sits: under a new day, or continuing a group.
 * Only chat messages group (events stand alone), senders compare ignoring case as usernames do, and
 * `breakBefore` (the "New messages" divider) starts a new group.
 */
export function placeMessages(lines: readonly Line[], breakBefore: number | null = null): Placed[] {
  return lines.map((line, index) => {
    const previous = lines[index - 1];
    const at = new Date(line.timestamp);
    if (!previous) return { newDay: true, continues: false };
    const before = new Date(previous.timestamp);
    const newDay = !sameLocalDay(before, at);
    const continues =
      !newDay &&
      line.id !== breakBefore &&
      line.kind === 'message' &&
      previous.kind === 'message' &&
      line.sender.toLowerCase() === previous.sender.toLowerCase() &&
      at.getTime() - before.getTime() <= GROUP_WINDOW_MS;
    return { newDay, continues };
  });
}

/**
 * Which messages still in the outbox (oldest first, drawn below the conversation's messages) begin
 * a new local day: a day separator goes above those too. `after` is the timestamp of the message
 * drawn just above the first of them, undefined when none is (an empty conversation, or newer
 * messages not loaded yet), which starts a day as the first message shown does.
 */
export function pendingNewDays(after: string | undefined, pending: readonly { created_at: string }[]): boolean[] {
  return pending.map((item, index) => {
    const previous = index === 0 ? after : pending[index - 1]?.created_at;
    return previous === undefined || !sameLocalDay(new Date(previous), new Date(item.created_at));
  });
}
