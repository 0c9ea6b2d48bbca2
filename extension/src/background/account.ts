import type { ChangePasswordRequest, DeleteAccountRequest, SessionsResponse } from '@chatroom/shared';
import { t } from '../platform/i18n';
import type { ApiFor } from './api-client';
import type { Session } from './session';

/** Shown on the login form; the browser's language does not change while the worker runs. */
export const ACCOUNT_DELETED = t('signedOutAccountDeleted');

/** The signed-in user's own account: password, sessions, export and deletion (the Settings page). */
export class Account {
  constructor(
    private readonly session: Session,
    private readonly api: ApiFor,
  ) {}

  /** The server ends every other session of the account; this one stays signed in. */
  async changePassword(request: ChangePasswordRequest): Promise<void> {
    await this.api().changePassword(request);
  }

  sessions(): Promise<SessionsResponse> {
    return this.api().sessions();
  }

  /** Signing out this browser's own session from the list is a log-out here too, not a 401 found later. */
  async endSession(id: string): Promise<void> {
    const api = this.api();
    const { sessions } = await api.sessions();
    await api.endSession(id);
    if (sessions.some((session) => session.id === id && session.current)) await this.session.end(null);
  }

  async exportAccount(): Promise<{ text: string }> {
    return { text: await this.api().exportAccount() };
  }

  async deleteAccount(request: DeleteAccountRequest): Promise<void> {
    await this.api().deleteAccount(request);
    await this.session.end(ACCOUNT_DELETED);
  }
}
