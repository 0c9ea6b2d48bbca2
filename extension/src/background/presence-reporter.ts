import type { PresenceState } from '@chatroom/shared';
import type { ApiFor } from './api-client';
import type { StateStore } from './state';

/** What the browser says of its user: `idle` after a while without input, `locked` with the screen locked. */
export type BrowserIdleState = 'active' | 'idle' | 'locked';

/**
 * Tells the server whether the user is at the browser (POST /presence): `away` once the browser is
 * idle or locked, `active` again on input. The server keeps what it last heard for the user, so
 * every signed-in session says its state once, and again whenever it changes; a failed report is
 * tried again on the next call.
 */
export class PresenceReporter {
  private desired: PresenceState = 'active';
  private heard: { state: PresenceState; token: string } | null = null;

  constructor(
    private readonly state: StateStore,
    private readonly api: ApiFor,
  ) {}

  async browserState(state: BrowserIdleState): Promise<void> {
    this.desired = state === 'active' ? 'active' : 'away';
    await this.report();
  }

  /** Says the current state unless this session has said it already. */
  async report(): Promise<void> {
    const token = this.state.current.session?.token;
    const state = this.desired;
    if (!token || (this.heard?.state === state && this.heard.token === token)) return;
    try {
      await this.api().presence(state);
      this.heard = { state, token };
    } catch {
      // The server is away or the session ended: the next call says it again.
    }
  }
}
