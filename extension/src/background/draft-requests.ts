import { ShareTarget, shareText } from '@chatroom/shared';
import type { StateStore } from './state';
import type { Views } from './views';

/**
 * Drafts asked for from outside the views ("Send to ChatRoom"): stored until a view puts one in a
 * composer, so a panel that opens after the worker was stopped still finds it.
 */
export class DraftRequests {
  constructor(
    private readonly state: StateStore,
    private readonly views: Views,
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {}

  /** Asks the next view for a draft of `target` in `conversation` (null: the user chooses one). */
  async share(conversation: string | null, target: ShareTarget | null): Promise<void> {
    const requestedDraft = {
      id: this.newId(),
      conversation: conversation && this.state.canonical(conversation),
      text: target ? shareText(target) : '',
    };
    await this.state.write({ requestedDraft });
    this.views.publish();
  }

  /** A view took the draft (or the user dismissed it); a later request is not taken by this. */
  async taken(id: string): Promise<void> {
    if (this.state.current.requestedDraft?.id !== id) return;
    await this.state.write({ requestedDraft: null });
    this.views.publish();
  }
}
