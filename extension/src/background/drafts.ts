import type { Clock } from './clock';
import type { StateStore, StoredDraft } from './state';
import type { Views } from './views';

/** A draft nobody has typed in for this long is dropped (issue #10). */
export const DRAFT_MAX_AGE_DAYS = 30;
const DRAFT_MAX_AGE_MS = DRAFT_MAX_AGE_DAYS * 24 * 60 * 60 * 1000;

/**
 * What the user typed in each conversation and has not sent: kept in storage, so that closing the
 * view, a stopped worker or a restarted browser loses none of it. Drafts belong to the signed-in
 * user and go with the rest of their state at sign-out.
 */
export class Drafts {
  constructor(
    private readonly state: StateStore,
    private readonly views: Views,
    private readonly clock: Clock,
  ) {}

  /** Keeps `text` as the conversation's draft; an empty or blank text takes the draft away. */
  async save(conversation: string, text: string): Promise<void> {
    const key = this.state.canonical(conversation);
    const { drafts } = this.state.current;
    if (!text.trim()) {
      await this.clear(key);
      return;
    }
    if (drafts[key]?.text === text) return;
    await this.state.write({ drafts: { ...drafts, [key]: { text, updatedAt: this.clock.now() } } });
    this.views.publish();
  }

  /** The draft was sent (or emptied): it goes. */
  async clear(conversation: string): Promise<void> {
    const key = this.state.canonical(conversation);
    const { [key]: gone, ...drafts } = this.state.current.drafts;
    if (!gone) return;
    await this.state.write({ drafts });
    this.views.publish();
  }

  /** Drops the drafts nobody has typed in for DRAFT_MAX_AGE_DAYS. */
  async prune(): Promise<void> {
    const oldest = this.clock.now() - DRAFT_MAX_AGE_MS;
    const entries = Object.entries(this.state.current.drafts);
    const kept = entries.filter(([, draft]) => draft.updatedAt >= oldest);
    if (kept.length === entries.length) return;
    await this.state.write({ drafts: Object.fromEntries(kept) });
    this.views.publish();
  }
}

/** The drafts' texts, as a view shows them. */
export function draftTexts(drafts: Record<string, StoredDraft>): Record<string, string> {
  return Object.fromEntries(Object.entries(drafts).map(([conversation, draft]) => [conversation, draft.text]));
}
