import { ErrorCode, UiRequestMap, UiRequestMethod } from '@chatroom/shared';
import type { Account } from './account';
import { ServerError, type ApiFor } from './api-client';
import type { DraftRequests } from './draft-requests';
import type { Outbox } from './outbox';
import type { ReadMarkers } from './read-markers';
import type { Rooms } from './rooms';
import type { Session } from './session';
import type { StateStore } from './state';
import { namesIn, type Sync } from './sync';
import type { Views } from './views';

/** Who asked: the view a request came from. */
export interface RequestContext {
  viewId: string;
}

/** One handler per request a view may send, typed from the protocol: a wrong result does not compile. */
export type UiHandlers = {
  [M in UiRequestMethod]: (params: UiRequestMap[M]['params'], context: RequestContext) => Promise<UiRequestMap[M]['result']>;
};

export interface HandlerParts {
  state: StateStore;
  views: Views;
  session: Session;
  outbox: Outbox;
  readMarkers: ReadMarkers;
  sync: Sync;
  rooms: Rooms;
  api: ApiFor;
  account: Account;
  draftRequests: DraftRequests;
}

export function uiHandlers({ state, views, session, outbox, readMarkers, sync, rooms, api, account, draftRequests }: HandlerParts): UiHandlers {
  return {
    register: async (credentials) => (await session.register(credentials), null),
    login: async (credentials) => (await session.login(credentials), null),
    logout: async () => (await session.logout(), null),
    refresh: async () => {
      // The server is the truth for lists and counts; a view asks when it opens.
      if (state.current.session) await sync.resync();
      return null;
    },
    history: async (query) => {
      const conversation = state.canonical(query.with);
      const page = await api().history({ ...query, with: conversation });
      await state.learn(page.messages.flatMap(namesIn));
      return page;
    },
    send: ({ recipient, message, reply_to, attachments }) => outbox.send(recipient, message, reply_to, attachments),
    fileAccess: () => {
      const { session, settings } = state.current;
      if (!session) return Promise.reject(new ServerError(401, ErrorCode.Unauthenticated, 'Log in first.'));
      return Promise.resolve({ serverUrl: settings.serverUrl, token: session.token });
    },
    editMessage: async ({ ref, message }) => (await outbox.edit(ref, message), null),
    deleteMessage: async ({ ref }) => (await outbox.remove(ref), null),
    react: async ({ id, conversation, emoji, add }) => (await outbox.react(id, conversation, emoji, add), null),
    revisions: ({ id }) => api().revisions(id),
    search: async (query) => {
      const response = await api().search({ ...query, with: query.with && state.canonical(query.with) });
      await state.learn(response.results.flatMap((result) => namesIn(result.message)));
      return response;
    },
    discardPending: async ({ client_id }) => (await outbox.discard(client_id), null),
    // The view shows this conversation: it is read now, and kept read while the view shows it.
    viewConversation: async ({ conversation: named }, { viewId }) => {
      const conversation = named && state.canonical(named);
      views.show(viewId, conversation);
      if (conversation && conversation === state.current.requestedConversation) {
        await state.write({ requestedConversation: null });
      }
      if (conversation) await readMarkers.markRead(conversation);
      views.publish();
      return null;
    },
    draftTaken: async ({ id }) => (await draftRequests.taken(id), null),
    createRoom: (request) => rooms.create(request),
    leaveRoom: async ({ room_id }) => (await rooms.leave(room_id), null),
    addMember: ({ room_id, username }) => rooms.addMember(room_id, username),
    removeMember: ({ room_id, username }) => rooms.removeMember(room_id, username),
    renameRoom: ({ room_id, name }) => rooms.rename(room_id, name),
    saveSettings: (changes) => session.saveSettings(changes),
    serverInfo: () => session.serverInfo(),
    changePassword: async (request) => (await account.changePassword(request), null),
    sessions: () => account.sessions(),
    endSession: async ({ id }) => (await account.endSession(id), null),
    exportAccount: () => account.exportAccount(),
    deleteAccount: async (request) => (await account.deleteAccount(request), null),
  };
}

/** Calls the handler of `method`; the table's type ties each method to its parameters and result. */
export function dispatch<M extends UiRequestMethod>(
  handlers: UiHandlers,
  method: M,
  params: UiRequestMap[M]['params'],
  context: RequestContext,
): Promise<UiRequestMap[M]['result']> {
  return handlers[method](params, context);
}
