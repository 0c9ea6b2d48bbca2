import type { AccountSettings, AccountSettingsRequest, ConversationSettings, ConversationSettingsRequest } from '@chatroom/shared';
import type { ApiFor } from './api-client';
import type { StateStore } from './state';
import type { Views } from './views';

/**
 * The user's say over what asks for them: each conversation's notification level and mute, and the
 * account's settings (do-not-disturb, the privacy switches). The server keeps them for all the user's
 * sessions; what it answers is taken into the cache at once, so the badge and the list follow before
 * the next resync.
 */
export class AttentionSettings {
  constructor(
    private readonly state: StateStore,
    private readonly views: Views,
    private readonly api: ApiFor,
  ) {}

  async setConversation(named: string, request: ConversationSettingsRequest): Promise<ConversationSettings> {
    const conversation = this.state.canonical(named);
    const settings = await this.api().conversationSettings(conversation, request);
    const { cache } = this.state.current;
    const conversations = cache.conversations.map((c) => (c.id === conversation ? { ...c, ...settings } : c));
    await this.state.write({ cache: { ...cache, conversations } });
    await this.views.updateBadge();
    this.views.publish();
    return settings;
  }

  async account(): Promise<AccountSettings> {
    return this.took(await this.api().accountSettings());
  }

  async saveAccount(request: AccountSettingsRequest): Promise<AccountSettings> {
    return this.took(await this.api().saveAccountSettings(request));
  }

  private async took(settings: AccountSettings): Promise<AccountSettings> {
    const { cache } = this.state.current;
    if ((cache.dndUntil ?? null) !== settings.dnd_until) {
      await this.state.write({ cache: { ...cache, dndUntil: settings.dnd_until } });
      this.views.publish();
    }
    return settings;
  }
}
