import { LIMITS, PresenceState } from '@chatroom/shared';
import type { ApiFor } from './api-client';
import type { Clock } from './clock';
import type { StateStore } from './state';

/** What the browser says of its user: `idle` after a while without input, `locked` with the screen locked. */
export type BrowserIdleState = 'active' | 'idle' | 'locked';

/** A state said this long ago is said again: the server counts it for LIMITS.presenceStateSeconds only. */
const REFRESH_MS = LIMITS.presenceRefreshSeconds * 1000;

/**
 * Tells the server whether the user is at the browser (POST /presence): `away` once the browser is
 * idle or locked, `active` again on input. The server keeps what each session last said for a while
 * (the user is away while all their browsers say so), so every signed-in session says its state
 * once, again whenever it changes, and again after REFRESH_MS (checked at each call: the poll loop
 * calls after every poll); a failed report is tried again on the next call. One report is on its
 * way at a time, and the latest state is the one that follows it: reports never overtake each other.
 */
export class PresenceReporter {
  /** Null until the browser has said (a woken worker asks it first rather than assume `active`). */
  private desired: PresenceState | null = null;
  private heard: { state: PresenceState; token: string; at: number } | null = null;
  private reporting: Promise<void> | null = null;

  constructor(
    private readonly state: StateStore,
    private readonly api: ApiFor,
    private readonly idleState: () => Promise<BrowserIdleState>,
    private readonly clock: Clock,
  ) {}

  async browserState(state: BrowserIdleState): Promise<void> {
    this.desired = presenceOf(state);
    await this.report();
  }

  /** Says the current state unless this session has said it lately. */
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
        const heard = this.heard;
        if (!token || (heard?.state === state && heard.token === token && this.clock.now() - heard.at < REFRESH_MS)) return;
        await this.api().presence(state);
        this.heard = { state, token, at: this.clock.now() };
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
