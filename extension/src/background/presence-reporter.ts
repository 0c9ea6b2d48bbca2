import type { PresenceState } from '@chatroom/shared';
import type { ApiFor } from './api-client';
import type { StateStore } from './state';

/** What the browser says of its user: `idle` after a while without input, `locked` with the screen locked. */
export type BrowserIdleState = 'active' | 'idle' | 'locked';

/**
 * Tells the server whether the user is at the browser (POST /presence): `away` once the browser is
 * idle or locked, `active` again on input. The server keeps what it last heard for the user, so
 * every signed-in session says its state once, and again whenever it changes; a failed report is
 * tried again on the next call. One report is on its way at a time, and the latest state is the
 * one that follows it: reports never overtake each other.
 */
export class PresenceReporter {
  /** Null until the browser has said (a woken worker asks it first rather than assume `active`). */
  private desired: PresenceState | null = null;
  private heard: { state: PresenceState; token: string } | null = null;
  private reporting: Promise<void> | null = null;

  constructor(
    private readonly state: StateStore,
    private readonly api: ApiFor,
    private readonly idleState: () => Promise<BrowserIdleState>,
  ) {}

  async browserState(state: BrowserIdleState): Promise<void> {
    this.desired = presenceOf(state);
    await this.report();
  }

  /** Says the current state unless this session has said it already. */
  report(): Promise<void> {
    // Started after it is stored here, so that its end (which clears it) always comes after.
    this.reporting ??= Promise.resolve().then(() => this.reportLatest());
    return this.reporting;
  }

  private async reportLatest(): Promise<void> {
    try {
      if (this.desired === null) {
        const now = presenceOf(await this.idleState());
        // The browser may have said something newer while it was asked.
        this.desired ??= now;
      }
      for (;;) {
        const token = this.state.current.session?.token;
        const state = this.desired;
        if (!token || (this.heard?.state === state && this.heard.token === token)) return;
        await this.api().presence(state);
        this.heard = { state, token };
      }
    } catch {
      // The server is away or the session ended: the next call says it again.
    } finally {
      // In the same step as the last check above, so a state set after it starts a new report.
      this.reporting = null;
    }
  }
}

function presenceOf(state: BrowserIdleState): PresenceState {
  return state === 'active' ? 'active' : 'away';
}
