import { isRoomId, sameConversation, WorkerSnapshot } from '@chatroom/shared';
import { useEffect, useState } from 'preact/hooks';
import { openOptionsPage, openSidePanel } from '../platform/browser-api';
import type { WorkerConnector } from './connector';
import { ConversationList } from './ConversationList';
import { ConversationView } from './ConversationView';
import { NewRoomForm } from './NewRoomForm';
import { OnlineUsers } from './OnlineUsers';
import { LoginForm } from './LoginForm';
import { RoomDetails } from './RoomDetails';
import { StatusBanners } from './StatusBanners';

export type Layout = 'popup' | 'panel';

type Route =
  | { screen: 'list' }
  | { screen: 'conversation'; id: string }
  | { screen: 'room'; id: string }
  | { screen: 'new-room' };

/** The whole UI, shared by popup and side panel; the panel shows list and conversation side by side. */
export function App({ connector, layout }: { connector: WorkerConnector; layout: Layout }) {
  const [snapshot, setSnapshot] = useState<WorkerSnapshot | null>(connector.snapshot);
  const [route, setRoute] = useState<Route>({ screen: 'list' });

  useEffect(() => {
    // The first snapshot may have arrived between the first render and this subscription.
    setSnapshot(connector.snapshot);
    return connector.onSnapshot(setSnapshot);
  }, [connector]);

  const requested = snapshot?.requestedConversation;
  useEffect(() => {
    if (requested) setRoute({ screen: 'conversation', id: requested });
  }, [requested]);

  // A name typed in another case names the same conversation: show it under the server's spelling once known.
  const shownId = route.screen === 'conversation' ? route.id : null;
  const spelling = shownId && snapshot ? knownSpelling(snapshot, shownId) : null;
  useEffect(() => {
    if (spelling && spelling !== shownId) setRoute({ screen: 'conversation', id: spelling });
  }, [spelling, shownId]);

  if (!snapshot) return <p class="muted center pad" role="status">Connecting…</p>;
  const me = snapshot.username;
  if (!me) {
    return (
      <div class={`app app-${layout}`}>
        <LoginForm connector={connector} serverUrl={snapshot.settings.serverUrl} notice={snapshot.connectionError} />
      </div>
    );
  }

  const titleOf = (id: string) =>
    snapshot.conversations.find((c) => c.id === id)?.name ?? snapshot.rooms.find((r) => r.room_id === id)?.name ?? id;
  const openConversation = (id: string) => setRoute({ screen: 'conversation', id });
  const knownPeople = [
    ...snapshot.online,
    ...snapshot.conversations.filter((c) => c.type === 'dm').map((c) => c.id),
  ].filter((user) => !sameConversation(user, me));
  const selected = route.screen === 'conversation' || route.screen === 'room' ? route.id : null;

  const sidebar = (
    <div class="sidebar">
      <ConversationList conversations={snapshot.conversations} me={me} selected={selected} onOpen={openConversation} />
      <OnlineUsers users={snapshot.online} me={me} onOpen={openConversation} />
    </div>
  );

  let main = null;
  if (route.screen === 'conversation') {
    const room = isRoomId(route.id) ? snapshot.rooms.find((r) => r.room_id === route.id) : undefined;
    main = (
      <ConversationView
        key={route.id}
        connector={connector}
        conversation={route.id}
        title={titleOf(route.id)}
        me={me}
        outbox={snapshot.outbox}
        pendingChanges={snapshot.pendingChanges}
        participants={room ? room.participants : [route.id, me]}
        roomAdmin={room?.admin}
        canSend={!isRoomId(route.id) || Boolean(room)}
        online={snapshot.connection === 'online'}
        onBack={() => setRoute({ screen: 'list' })}
        onDetails={room ? () => setRoute({ screen: 'room', id: route.id }) : undefined}
      />
    );
  } else if (route.screen === 'room') {
    const room = snapshot.rooms.find((r) => r.room_id === route.id);
    main = room ? (
      <RoomDetails
        connector={connector}
        room={room}
        me={me}
        onBack={() => setRoute({ screen: 'conversation', id: route.id })}
        onLeft={() => setRoute({ screen: 'list' })}
      />
    ) : null;
  } else if (route.screen === 'new-room') {
    main = (
      <NewRoomForm
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
          ChatRoom
          {snapshot.totalUnread > 0 && (
            <span class="unread" aria-label={`${snapshot.totalUnread} unread`}>
              {snapshot.totalUnread}
            </span>
          )}
        </h1>
        <span class="muted user" title="Logged in as">
          {me}
        </span>
        <nav class="actions" aria-label="Actions">
          <button class="secondary small" onClick={() => setRoute({ screen: 'new-room' })}>
            New group
          </button>
          {layout === 'popup' && (
            <button
              class="secondary small"
              aria-label="Open in side panel"
              title="Open in side panel (Ctrl+Shift+Y)"
              onClick={() => void openSidePanel().then(() => window.close(), () => undefined)}
            >
              Side panel
            </button>
          )}
          <button class="icon" aria-label="Settings" title="Settings" onClick={() => void openOptionsPage()}>
            ⚙
          </button>
          <button class="secondary small" onClick={() => void connector.request('logout', null)}>
            Log out
          </button>
        </nav>
      </header>
      <StatusBanners snapshot={snapshot} />
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
