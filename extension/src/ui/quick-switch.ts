import { Conversation, foldForSearch, sameConversation, searchWords } from '@chatroom/shared';

/** Somewhere the quick switcher can take the user: an existing conversation, or a person to start one with. */
export type SwitchTarget =
  | { kind: 'conversation'; id: string; name: string; type: Conversation['type']; unread: number }
  | { kind: 'person'; id: string; name: string };

/** How well a name matches: it starts so, one of its words does, or it merely contains the query. */
function rank(name: string, query: string): number | null {
  const folded = foldForSearch(name);
  if (folded.startsWith(query)) return 0;
  if (searchWords(name).some((word) => word.startsWith(query))) return 1;
  return folded.includes(query) ? 2 : null;
}

/**
 * Conversations and people whose name matches what was typed, ignoring case and accents: the best
 * matches first, and among equals conversations before people and the most recent first. A person
 * the user already has a direct conversation with is offered as that conversation.
 */
export function quickSwitchMatches(
  typed: string,
  conversations: Conversation[],
  people: string[],
  me: string,
  max = 6,
): SwitchTarget[] {
  const query = foldForSearch(typed.trim());
  if (!query) return [];
  const targets: SwitchTarget[] = conversations.map((c) => ({ kind: 'conversation', id: c.id, name: c.name, type: c.type, unread: c.unread }));
  for (const person of people) {
    if (sameConversation(person, me) || targets.some((t) => (t.kind === 'person' || t.type === 'dm') && sameConversation(t.id, person))) continue;
    targets.push({ kind: 'person', id: person, name: person });
  }
  return targets
    .map((target, order) => ({ target, order, rank: rank(target.name, query) }))
    .filter((entry): entry is { target: SwitchTarget; order: number; rank: number } => entry.rank !== null)
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .slice(0, max)
    .map((entry) => entry.target);
}
