import type { Conversation } from '@chatroom/shared';
import type { OmniboxAnswer, OmniboxSuggestion } from '../platform/browser-api';
import type { Outbox } from './outbox';
import type { StateStore } from './state';
import { t } from '../platform/i18n';

/** How many conversations the address bar suggests. */
export const OMNIBOX_SUGGESTIONS = 5;

export interface OmniboxOutputs {
  /** A short desktop notification saying what became of a message sent from the address bar. */
  confirm?: (note: { title: string; body: string }) => void | Promise<void>;
}

/** Where the text typed after the keyword goes: one conversation named exactly at its start, or why none. */
export type OmniboxTarget = { conversation: Conversation; message: string } | { problem: string };



/**
 * The conversation the text starts with, by its exact name or id (any case), followed by a space and
 * the message. Never a guess: a name that is only begun, or that several conversations share, names none.
 */
export function omniboxTarget(text: string, conversations: Conversation[]): OmniboxTarget {
  const typed = text.trim();
  const lower = typed.toLowerCase();
  const named = (key: string) => lower === key.toLowerCase() || lower.startsWith(`${key.toLowerCase()} `);
  // An id is unique; a name may belong to several conversations.
  const byId = conversations.filter((c) => named(c.id));
  const candidates = byId.length ? byId : conversations.filter((c) => named(c.name));
  const longest = Math.max(...candidates.map((c) => (byId.length ? c.id : c.name).length));
  const matches = candidates.filter((c) => (byId.length ? c.id : c.name).length === longest);
  const [conversation] = matches;
  if (!conversation) return { problem: t('omniboxChoose') };
  if (matches.length > 1) return { problem: t('omniboxAmbiguous', conversation.name) };
  const message = typed.slice(longest).trim();
  if (!message) return { problem: t('omniboxWriteAfter', conversation.name) };
  return { conversation, message };
}

/**
 * What the address bar shows: what Enter does now, and the conversations whose name (or id) begins
 * with the first words typed, each with the rest as its message, in the list's order. Choosing one
 * puts a text that names it exactly in the bar.
 */
export function omniboxAnswer(text: string, conversations: Conversation[]): OmniboxAnswer {
  const target = omniboxTarget(text, conversations);
  const enter = 'problem' in target ? target.problem : t('omniboxSendTo', target.conversation.name, target.message);
  const suggestions: OmniboxSuggestion[] = [];
  for (const conversation of conversations) {
    const message = messageAfterBegunName(text, conversation);
    if (message === null) continue;
    const exact = (key: string) => {
      const found = omniboxTarget(`${key} ${message || '…'}`, conversations);
      return 'conversation' in found && found.conversation.id === conversation.id;
    };
    const key = exact(conversation.name) ? conversation.name : conversation.id;
    suggestions.push({
      content: `${key} ${message}`,
      description: message ? t('omniboxSendTo', conversation.name, message) : t('omniboxWriteTo', conversation.name),
    });
    if (suggestions.length === OMNIBOX_SUGGESTIONS) break;
  }
  return { enter, suggestions };
}

/** The text after the most leading words that begin `conversation`'s name or id; null if the first word does not. */
function messageAfterBegunName(text: string, conversation: Conversation): string | null {
  const words = [...text.trimStart().matchAll(/\S+/g)];
  const first = words[0];
  if (!first) return null;
  let best: number | null = null;
  for (const key of [conversation.name.toLowerCase(), conversation.id.toLowerCase()]) {
    for (const word of words) {
      const end = word.index + word[0].length;
      if (!key.startsWith(text.trimStart().slice(0, end).toLowerCase())) break;
      best = Math.max(best ?? 0, end);
    }
  }
  return best === null ? null : text.trimStart().slice(best).trim();
}

/**
 * The address bar's `cr` keyword: suggestions from the cached conversation list, and Enter sends
 * through the outbox (exactly once, also while offline), then says what became of the message.
 */
export class Omnibox {
  constructor(
    private readonly state: StateStore,
    private readonly outbox: Outbox,
    private readonly outputs: OmniboxOutputs,
  ) {}

  answer(text: string): OmniboxAnswer {
    if (!this.state.current.session) return { enter: t('omniboxLogInFirst'), suggestions: [] };
    return omniboxAnswer(text, this.state.current.cache.conversations);
  }

  async enter(text: string): Promise<void> {
    if (!this.state.current.session) return this.confirm(t('omniboxNotSent'), t('omniboxLogInFirst'));
    const target = omniboxTarget(text, this.state.current.cache.conversations);
    if ('problem' in target) return this.confirm(t('omniboxNotSent'), target.problem);
    const { conversation, message } = target;
    const pending = await this.outbox.send(conversation.id, message).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    if (pending instanceof Error) return this.confirm(t('omniboxNotSentTo', conversation.name), pending.message);
    await this.outbox.flush();
    const left = this.state.current.outbox.find((item) => item.client_id === pending.client_id);
    if (!left) return this.confirm(t('omniboxSentTo', conversation.name), message);
    if (left.error) return this.confirm(t('omniboxNotSentTo', conversation.name), left.error.message);
    return this.confirm(t('omniboxWillSendTo', conversation.name), `${message}\n${t('omniboxQueued')}`);
  }

  private async confirm(title: string, body: string): Promise<void> {
    await this.outputs.confirm?.({ title, body });
  }
}
