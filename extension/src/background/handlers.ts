import { ErrorCode, UiRequestMap, UiRequestMethod } from '@chatroom/shared';
import type { Account } from './account';
import type { ApiFor } from './api-client';
import { ServerError } from './server-errors';
import type { AttentionSettings } from './attention-settings';
import type { DraftRequests } from './draft-requests';
import type { Drafts } from './drafts';
import type { Outbox } from './outbox';
import type { ReadMarkers } from './read-markers';
import type { Rooms } from './rooms';
import type { Session } from './session';
import type { StateStore } from './state';
import { namesIn, type Sync } from './sync';
import type { TypingReporter } from './typing-reporter';
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
  attentionSettings: AttentionSettings;
  drafts: Drafts;
  typing: TypingReporter;
}

export function uiHandlers(parts: HandlerParts): UiHandlers {
  const { state, views, session, outbox, readMarkers, sync, rooms, api, account, draftRequests, attentionSettings, drafts, typing } = parts;
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
    send: async ({ recipient, message, reply_to, attachments }, { viewId }) => {
      const pending = await outbox.send(recipient, message, reply_to, attachments);
      // Sent: the draft has become the message, and the others need not see the user typing it.
      await drafts.clear(recipient);
      void typing.report(viewId, state.canonical(recipient), false);
      return pending;
    },
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
      if (conversation && conversation === state.current.requestedConversation?.conversation) {
        await state.write({ requestedConversation: null });
      }
      if (conversation) await readMarkers.markRead(conversation);
      views.publish();
      return null;
    },
    draftTaken: async ({ id }) => (await draftRequests.taken(id), null),
    saveDraft: async ({ conversation, text }) => (await drafts.save(conversation, text), null),
    dismissAnnouncement: async ({ announcement }) => {
      await state.write({ dismissedAnnouncement: announcement });
      views.publish();
      return null;
    },
    markUnread: async ({ conversation: named, from_id }, { viewId }) => {
      const conversation = state.canonical(named);
      // The asking view goes back to the list: were it still counted as showing the conversation, it would read it again.
      if (views.shows(viewId, conversation)) views.show(viewId, null);
      await readMarkers.markUnread(conversation, from_id);
      return null;
    },
    readState: ({ conversation }) => api().readState(state.canonical(conversation)),
    typing: async ({ conversation, typing: typingNow }, { viewId }) => (await typing.report(viewId, state.canonical(conversation), typingNow), null),
    createRoom: (request) => rooms.create(request),
    leaveRoom: async ({ room_id }) => (await rooms.leave(room_id), null),
    addMember: ({ room_id, username }) => rooms.addMember(room_id, username),
    removeMember: ({ room_id, username }) => rooms.removeMember(room_id, username),
    renameRoom: ({ room_id, name }) => rooms.rename(room_id, name),
    saveSettings: (changes) => session.saveSettings(changes),
    conversationSettings: ({ conversation, ...request }) => attentionSettings.setConversation(conversation, request),
    accountSettings: () => attentionSettings.account(),
    saveAccountSettings: (request) => attentionSettings.saveAccount(request),
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
