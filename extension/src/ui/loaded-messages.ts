import { applyChange, ChatMessage, CurrentMessage, freshState, isRelationKind, withReplyPreview } from '@chatroom/shared';

/** The messages a view shows, in id order: `incoming` replace those with the same id. */
export function mergeById(existing: CurrentMessage[], incoming: CurrentMessage[]): CurrentMessage[] {
  const byId = new Map(existing.map((m) => [m.id, m]));
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/**
 * What a view shows once entries of its conversation arrived (oldest first): new messages merged
 * in, edit, delete and reaction entries folded into the messages they change (applyChange), and
 * replies quoting those as they now read. The same list when nothing shown changed.
 */
export function withArrived(shown: CurrentMessage[], arrived: ChatMessage[]): CurrentMessage[] {
  const added = arrived.filter((m) => !isRelationKind(m.kind)).map(freshState);
  let next = added.length ? mergeById(shown, added) : shown;
  for (const entry of arrived) {
    if (!isRelationKind(entry.kind)) continue;
    const target = next.find((m) => m.id === entry.relates_to);
    const changed = target && applyChange(target, entry);
    if (changed && changed !== target) next = replaced(next, changed);
  }
  return next;
}

/** What a view shows with messages taken in their current state (the server's answer to the user's own change). */
export function withCurrent(shown: CurrentMessage[], current: CurrentMessage[]): CurrentMessage[] {
  return current.reduce((next, message) => (next.some((m) => m.id === message.id) ? replaced(next, message) : next), shown);
}

function replaced(shown: CurrentMessage[], current: CurrentMessage): CurrentMessage[] {
  return shown.map((m) => (m.id === current.id ? current : withReplyPreview(m, current)));
}
