import { ConversationSettingsRequest, isRoomId, RequestedDraft, sameConversation, WorkerSnapshot } from '@chatroom/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { openOptionsPage, openSidePanel } from '../platform/page-api';
import { t, tParts } from '../platform/i18n';
import { TypingBoard, typistsIn, withTyping } from './attention';
import type { WorkerConnector } from './connector';
import { conversationKey, stepConversation } from './conversation-keys';
import { ConversationList } from './ConversationList';
import { OnlineUsers } from './OnlineUsers';
import { failureText } from './error-text';
import { screens, signInForms, useOnDemand } from './on-demand';
import { Search, SearchScope } from './Search';
import { SnoozeMenu } from './SnoozeMenu';
import { StatusBanners } from './StatusBanners';

export type Layout = 'popup' | 'panel';

/** When the side panel shows the list beside the conversation (styles.css says the same). */
const SIDE_BY_SIDE = '(min-width: 640px)';

type Route =
  | { screen: 'list' }
  /** `at`: a message to show there (a search result), highlighted; a new object each time it is asked. */
  /** `compose`: put the caret in the composer (a notification's Reply); a new object each time it is asked. */
  | { screen: 'conversation'; id: string; at?: { id: number }; shared?: RequestedDraft; compose?: object }
  | { screen: 'room'; id: string }
  | { screen: 'new-room' };

/** The whole UI, shared by popup and side panel; the panel shows list and conversation side by side. */
export function App({ connector, layout }: { connector: WorkerConnector; layout: Layout }) {
  const [snapshot, setSnapshot] = useState<WorkerSnapshot | null>(connector.snapshot);
  const [route, setRoute] = useState<Route>({ screen: 'list' });
  const [searchScope, setSearchScope] = useState<SearchScope | null>(null);
  const searchField = useRef<HTMLInputElement>(null);
  /** A draft shared with "Choose…": it goes to the conversation the user opens next. */
  const [choosing, setChoosing] = useState<RequestedDraft | null>(null);
  /** Why a notification setting or the snooze could not be saved, in words. */
  const [settingsError, setSettingsError] = useState<string | null>(null);

  useEffect(() => {
    // The first snapshot may have arrived between the first render and this subscription.
    setSnapshot(connector.snapshot);
    return connector.onSnapshot(setSnapshot);
  }, [connector]);

  // Who types where. Typing states are never replayed, so a stop heard while the link was down would be
  // lost: a new worker or a lost server starts the board afresh rather than keep someone typing for ever.
  const [typing, setTyping] = useState<TypingBoard>({});
  useEffect(() => {
    const offEphemeral = connector.onEphemeral((items) => setTyping((board) => withTyping(board, items)));
    const offReconnect = connector.onReconnect(() => setTyping({}));
    return () => {
      offEphemeral();
      offReconnect();
    };
  }, [connector]);
  const connected = snapshot?.connection === 'online';
  useEffect(() => {
    if (!connected) setTyping({});
  }, [connected]);

  // A notification's click or Reply: the worker keeps asking until a view shows the conversation.
  const requested = snapshot?.requestedConversation;
  useEffect(() => {
    if (requested) setRoute({ screen: 'conversation', id: requested.conversation, ...(requested.compose ? { compose: {} } : {}) });
  }, [requested?.conversation, requested?.compose]);

  // "Send to ChatRoom": the draft goes to its conversation, or waits for the user to choose one.
  const requestedDraft = snapshot?.username ? snapshot.requestedDraft : null;
  useEffect(() => {
    if (!requestedDraft) return;
    if (requestedDraft.conversation) {
      setChoosing(null);
      setRoute({ screen: 'conversation', id: requestedDraft.conversation, shared: requestedDraft });
    } else {
      setChoosing(requestedDraft);
      focusSearch();
    }
  }, [requestedDraft?.id]);

  // A name typed in another case names the same conversation: show it under the server's spelling once known.
  const shownId = route.screen === 'conversation' ? route.id : null;
  const spelling = shownId && snapshot ? knownSpelling(snapshot, shownId) : null;
  useEffect(() => {
    if (spelling && spelling !== shownId) setRoute((current) => (current.screen === 'conversation' ? { ...current, id: spelling } : current));
  }, [spelling, shownId]);

  /** Brings the list (and its search field) into view, and puts the caret in the field. */
  function focusSearch() {
    const listShown = layout === 'panel' && window.matchMedia(SIDE_BY_SIDE).matches;
    if (!listShown) setRoute({ screen: 'list' });
    // The field may be hidden until the list is rendered again.
    requestAnimationFrame(() => searchField.current?.focus());
  }

  // Ctrl+K / ⌘K anywhere in a view that has the focus (#13's quick switcher).
  const signedIn = Boolean(snapshot?.username);
  useEffect(() => {
    if (!signedIn) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'k' || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      event.preventDefault();
      focusSearch();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [signedIn, layout]);

  // Alt+↑/↓, Alt+Shift+↓ and Esc (#13); a key a field or a menu used already (Esc closing a list) is theirs.
  useEffect(() => {
    if (!snapshot?.username) return;
    const { conversations } = snapshot;
    const onKeyDown = (event: KeyboardEvent) => {
      const key = event.defaultPrevented ? null : conversationKey(event);
      if (!key) return;
      if (key === 'list') {
        if (route.screen === 'list') return;
        event.preventDefault();
        setRoute({ screen: 'list' });
        return;
      }
      event.preventDefault();
      const next = stepConversation(conversations, route.screen === 'conversation' ? route.id : null, key);
      if (next) openConversation(next);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  });

  // Fetched once the list is on screen, so that opening a conversation finds its view already here.
  const views = useOnDemand(screens, signedIn);
  const forms = useOnDemand(signInForms, Boolean(snapshot && !snapshot.username));

  if (!snapshot) return <p class="muted center pad" role="status">{t('appConnecting')}</p>;
  const me = snapshot.username;
  if (!me) {
    return (
      <div class={`app app-${layout}`}>
        {forms && <forms.LoginForm connector={connector} serverUrl={snapshot.settings.serverUrl} notice={snapshot.connectionError} />}
      </div>
    );
  }

  const titleOf = (id: string) =>
    snapshot.conversations.find((c) => c.id === id)?.name ?? snapshot.rooms.find((r) => r.room_id === id)?.name ?? id;
  /** "Mark as unread" (from `fromId` on; left out: the newest message of someone else), then back to the list. */
  function markUnread(id: string, fromId?: number) {
    if (route.screen === 'conversation' && sameConversation(route.id, id)) setRoute({ screen: 'list' });
    saveSettings(connector.request('markUnread', { conversation: id, ...(fromId === undefined ? {} : { from_id: fromId }) }));
  }
  function openConversation(id: string, messageId?: number) {
    setRoute({
      screen: 'conversation',
      id,
      ...(messageId === undefined ? {} : { at: { id: messageId } }),
      ...(choosing ? { shared: choosing } : {}),
    });
    setChoosing(null);
  }
  function saveSettings(request: Promise<unknown>) {
    setSettingsError(null);
    request.catch((failure: unknown) => setSettingsError(failureText(failure)));
  }
  const knownPeople = [
    ...snapshot.online,
    ...snapshot.conversations.filter((c) => c.type === 'dm').map((c) => c.id),
  ].filter((user) => !sameConversation(user, me));
  const roomPeople = snapshot.rooms.flatMap((room) => room.participants);
  const selected = route.screen === 'conversation' || route.screen === 'room' ? route.id : null;

  const sidebar = (
    <div class="sidebar">
      {choosing && (
        <div class="choose-banner" role="note" aria-label={t('chooseBannerLabel')}>
          <p>{tParts('chooseBannerText', <strong>{t('chooseBannerChoose')}</strong>)}</p>
          <p class="quote-text muted">{choosing.text}</p>
          <button
            class="link"
            onClick={() => {
              setChoosing(null);
              void connector.request('draftTaken', { id: choosing.id }).catch(() => undefined);
            }}
          >
            {t('cancel')}
          </button>
        </div>
      )}
      <Search
        connector={connector}
        conversations={snapshot.conversations}
        people={[...knownPeople, ...roomPeople]}
        me={me}
        scope={searchScope}
        onScope={setSearchScope}
        field={searchField}
        onOpen={openConversation}
      >
        <ConversationList
          conversations={snapshot.conversations}
          me={me}
          selected={selected}
          drafts={snapshot.drafts}
          typing={typing}
          onOpen={openConversation}
          onMarkUnread={(id) => markUnread(id)}
          onNotifySettings={(conversation, request: ConversationSettingsRequest) =>
            saveSettings(connector.request('conversationSettings', { conversation, ...request }))
          }
        />
      </Search>
      <OnlineUsers users={snapshot.online} presence={snapshot.presence} me={me} onOpen={openConversation} />
    </div>
  );

  let main = null;
  if (!views) {
    // Its chunk is fetched when the list is shown; should it still be on its way, an empty pane for that moment.
    if (route.screen !== 'list') main = <div aria-busy="true" />;
  } else if (route.screen === 'conversation') {
    const room = isRoomId(route.id) ? snapshot.rooms.find((r) => r.room_id === route.id) : undefined;
    const listed = snapshot.conversations.find((c) => sameConversation(c.id, route.id));
    main = (
      <views.ConversationView
        key={route.id}
        connector={connector}
        conversation={route.id}
        title={titleOf(route.id)}
        showAt={route.at}
        me={me}
        outbox={snapshot.outbox}
        pendingChanges={snapshot.pendingChanges}
        participants={room ? room.participants : [route.id, me]}
        roomAdmin={room?.admin}
        canSend={!isRoomId(route.id) || Boolean(room)}
        online={snapshot.connection === 'online'}
        shared={route.shared}
        draft={snapshot.drafts[listed?.id ?? route.id] ?? ''}
        readThrough={listed && listed.unread > 0 ? listed.last_read_id : null}
        typing={typistsIn(typing, route.id)}
        onMarkUnread={(fromId) => markUnread(route.id, fromId)}
        focusComposer={route.compose}
        onBack={() => setRoute({ screen: 'list' })}
        onDetails={room ? () => setRoute({ screen: 'room', id: route.id }) : undefined}
        onSearch={() => {
          setSearchScope({ id: route.id, name: titleOf(route.id) });
          focusSearch();
        }}
        listed={listed}
        onNotifySettings={(request) => saveSettings(connector.request('conversationSettings', { conversation: route.id, ...request }))}
      />
    );
  } else if (route.screen === 'room') {
    const room = snapshot.rooms.find((r) => r.room_id === route.id);
    main = room ? (
      <views.RoomDetails
        connector={connector}
        room={room}
        me={me}
        onBack={() => setRoute({ screen: 'conversation', id: route.id })}
        onLeft={() => setRoute({ screen: 'list' })}
      />
    ) : null;
  } else if (route.screen === 'new-room') {
    main = (
      <views.NewRoomForm
        connector={connector}
        candidates={[...new Set(knownPeople)]}
        onCancel={() => setRoute({ screen: 'list' })}
        onCreated={openConversation}
      />
    );
  }

  return (
    <div class={`app app-${layout}${main ? ' has-main' : ''}`}>
      <header class="topbar">
        <h1>
          {t('extName')}
          {snapshot.totalUnread > 0 && (
            <span class="unread" aria-label={t('appUnreadTotal', String(snapshot.totalUnread))}>
              {snapshot.totalUnread}
            </span>
          )}
        </h1>
        <span class="muted user" title={t('appLoggedInAs')}>
          {me}
        </span>
        <nav class="actions" aria-label={t('appActions')}>
          <SnoozeMenu dndUntil={snapshot.dndUntil} onSnooze={(until) => saveSettings(connector.request('saveAccountSettings', { dnd_until: until }))} />
          <button class="secondary small" onClick={() => setRoute({ screen: 'new-room' })}>
            {t('appNewGroup')}
          </button>
          {layout === 'popup' && (
            <button
              class="secondary small"
              aria-label={t('appOpenSidePanel')}
              title={t('appOpenSidePanelTitle')}
              onClick={() => void openSidePanel().then(() => window.close(), () => undefined)}
            >
              {t('appSidePanel')}
            </button>
          )}
          <button class="icon" aria-label={t('appSettings')} title={t('appSettings')} onClick={() => void openOptionsPage()}>
            ⚙
          </button>
          <button class="secondary small" onClick={() => void connector.request('logout', null)}>
            {t('appLogOut')}
          </button>
        </nav>
      </header>
      <StatusBanners
        snapshot={snapshot}
        onDismiss={(announcement) => void connector.request('dismissAnnouncement', { announcement }).catch(() => undefined)}
      />
      {settingsError && (
        <p class="error" role="alert">
          {settingsError}
        </p>
      )}
      <div class="body">
        {sidebar}
        {main && <main class="main">{main}</main>}
      </div>
    </div>
  );
}

function knownSpelling(snapshot: WorkerSnapshot, conversation: string): string | null {
  const known = [...snapshot.conversations.map((c) => c.id), ...snapshot.online];
  return known.find((id) => sameConversation(id, conversation)) ?? null;
}
