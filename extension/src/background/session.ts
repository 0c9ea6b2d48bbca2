import { ErrorCode, ExtensionSettings, LoginRequest, RegisterRequest, ServerInfo } from '@chatroom/shared';
import { t } from '../platform/i18n';
import type { ApiFor } from './api-client';
import { ServerError } from './server-errors';
import type { Clock } from './clock';
import type { PollLoop } from './poll-loop';
import { freshUserState, Session as StoredSession, StateStore } from './state';
import type { Views } from './views';

/** Shown on the login form; the browser's language does not change while the worker runs. */
export const SESSION_EXPIRED = t('signedOutExpired');

/** Signing in and out, and the settings that decide which server a session belongs to. */
export class Session {
  constructor(
    private readonly state: StateStore,
    private readonly views: Views,
    private readonly pollLoop: PollLoop,
    private readonly api: ApiFor,
    private readonly clock: Clock,
  ) {}

  /** Run once the state is loaded: a stored session past its expiry is over. */
  async resume(): Promise<void> {
    const session = this.state.current.session;
    if (session && Date.parse(session.expires_at) <= this.clock.now()) await this.end(SESSION_EXPIRED);
    else this.views.setConnection(session ? 'connecting' : 'signed-out', null);
  }

  async register(credentials: RegisterRequest): Promise<void> {
    await this.begin(await this.api(false).register(credentials));
  }

  async login(credentials: LoginRequest): Promise<void> {
    await this.begin(await this.api(false).login(credentials));
  }

  /** What the configured server says about itself, signed in or not. */
  serverInfo(): Promise<ServerInfo> {
    return this.api(false).serverInfo();
  }

  async logout(): Promise<void> {
    const api = this.state.current.session ? this.api() : null;
    await this.end(null);
    await api?.logout().catch(() => undefined);
  }

  async saveSettings(changes: Partial<ExtensionSettings>): Promise<ExtensionSettings> {
    const current = this.state.current.settings;
    const next = { ...current, ...changes };
    next.serverUrl = normalizeServerUrl(next.serverUrl);
    const serverChanged = next.serverUrl !== current.serverUrl;
    await this.state.write({ settings: next });
    // A token belongs to one server; keeping it for another would only produce 401s.
    if (serverChanged && this.state.current.session) await this.end(null);
    this.views.publish();
    return next;
  }

  /** Ends the session here; `reason` is shown on the login form. */
  async end(reason: string | null): Promise<void> {
    this.pollLoop.abort();
    await this.state.write({ session: null, ...freshUserState() });
    this.views.setConnection('signed-out', reason);
    await this.views.updateBadge();
    this.views.publish();
  }

  private async begin(session: StoredSession): Promise<void> {
    await this.pollLoop.interrupt();
    await this.state.write({ session, ...freshUserState() });
    this.views.setConnection('connecting', null);
    await this.views.updateBadge();
    this.views.publish();
    this.pollLoop.ensure();
  }
}

export function normalizeServerUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new ServerError(400, ErrorCode.ValidationFailed, 'Enter a full address, like http://localhost:5003.', 'serverUrl');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ServerError(400, ErrorCode.ValidationFailed, 'The address must start with http:// or https://.', 'serverUrl');
  }
  return url.origin;
}
