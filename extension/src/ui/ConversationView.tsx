import { ChatMessage, conversationOf, isRelationKind, LIMITS, PendingMessage, sameConversation } from '@chatroom/shared';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { WorkerConnector } from './connector';
import { formatTime } from './format';
import { MessageText } from './MessageText';
import { errorText, failureText } from './error-text';

/** How close to the top (px) the reader must scroll before older messages load. */
const LOAD_OLDER_THRESHOLD = 48;

function mergeById(existing: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  const byId = new Map(existing.map((m) => [m.id, m]));
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

export function ConversationView(props: {
  connector: WorkerConnector;
  conversation: string;
  title: string;
  me: string;
  outbox: PendingMessage[];
  canSend: boolean;
  /** Whether the worker reaches the server; a load that failed is tried again when it does. */
  online: boolean;
  onBack?: () => void;
  onDetails?: () => void;
}) {
  const { connector, conversation, me } = props;
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(true);
  /** Why the newest page could not be loaded, in words; null once it was. */
  const [loadFailed, setLoadFailed] = useState<string | null>(null);
  /** Bumped to load the newest page again. */
  const [attempt, setAttempt] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const list = useRef<HTMLOListElement>(null);
  /** Distance from the bottom before a change; kept when older messages are prepended. */
  const anchor = useRef<{ fromBottom: number } | null>(null);
  const stickToBottom = useRef(true);

  useEffect(() => {
    let current = true;
    setLoading(true);
    connector
      .request('history', { with: conversation })
      .then((page) => {
        if (!current) return;
        setMessages((existing) => mergeById(existing, page.messages));
        setHasMore(page.has_more);
        setLoadFailed(null);
      })
      .catch((failure: unknown) => current && setLoadFailed(failureText(failure)))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [connector, conversation, attempt]);

  // What failed to load while the server was away is loaded again as soon as it is back.
  const wasOnline = useRef(props.online);
  useEffect(() => {
    if (props.online && !wasOnline.current && loadFailed !== null) setAttempt((n) => n + 1);
    wasOnline.current = props.online;
  }, [props.online, loadFailed]);

  useEffect(() => {
    const announce = () => void connector.request('viewConversation', { conversation }).catch(() => undefined);
    announce();
    const offMessages = connector.onMessages((incoming) => {
      // Edits, deletes and reactions are not lines of their own: this view shows what they changed
      // when it loads the history, which gives each message in its current state.
      const mine = incoming.filter((m) => !isRelationKind(m.kind) && sameConversation(conversationOf(m, me), conversation));
      if (mine.length) setMessages((existing) => mergeById(existing, mine));
    });
    const offReconnect = connector.onReconnect(() => {
      announce();
      setAttempt((n) => n + 1);
    });
    // A hidden view is not being read: unread counts should grow meanwhile.
    const onVisibility = () =>
      void connector
        .request('viewConversation', { conversation: document.hidden ? null : conversation })
        .catch(() => undefined);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      offMessages();
      offReconnect();
      document.removeEventListener('visibilitychange', onVisibility);
      void connector.request('viewConversation', { conversation: null }).catch(() => undefined);
    };
  }, [connector, conversation, me]);

  const pending = props.outbox.filter((item) => sameConversation(item.recipient, conversation));

  useLayoutEffect(() => {
    const element = list.current;
    if (!element) return;
    if (anchor.current) {
      element.scrollTop = element.scrollHeight - anchor.current.fromBottom;
      anchor.current = null;
    } else if (stickToBottom.current) {
      element.scrollTop = element.scrollHeight;
    }
  }, [messages, pending.length]);

  async function loadOlder() {
    const first = messages[0];
    if (!first || !hasMore || loading) return;
    setLoading(true);
    try {
      const page = await connector.request('history', { with: conversation, before: first.id });
      const element = list.current;
      if (element) anchor.current = { fromBottom: element.scrollHeight - element.scrollTop };
      setMessages((existing) => mergeById(existing, page.messages));
      setHasMore(page.has_more);
    } catch (failure) {
      setError(failureText(failure));
    } finally {
      setLoading(false);
    }
  }

  function onScroll() {
    const element = list.current;
    if (!element) return;
    stickToBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
    if (element.scrollTop < LOAD_OLDER_THRESHOLD) void loadOlder();
  }

  async function send() {
    const text = draft;
    if (!text.trim()) return;
    setDraft('');
    stickToBottom.current = true;
    try {
      await connector.request('send', { recipient: conversation, message: text });
    } catch (failure) {
      setDraft(text);
      setError(failureText(failure));
    }
  }

  return (
    <section class="conversation-view" aria-labelledby="conversation-title">
      <header class="bar">
        {props.onBack && (
          <button class="icon" aria-label="Back to conversations" onClick={props.onBack}>
            ←
          </button>
        )}
        <h2 id="conversation-title">{props.title}</h2>
        {props.onDetails && (
          <button class="secondary small" onClick={props.onDetails}>
            Members
          </button>
        )}
      </header>
      <ol class="messages" ref={list} onScroll={onScroll} aria-label={`Messages with ${props.title}`} aria-live="polite" tabIndex={0}>
        {hasMore && (
          <li class="muted center">
            <button class="link" onClick={() => void loadOlder()}>
              Load older messages
            </button>
          </li>
        )}
        {!loading && loadFailed !== null && !messages.length && (
          <li class="muted center" role="status">
            Could not load messages. {loadFailed}
          </li>
        )}
        {!loading && loadFailed === null && !messages.length && !pending.length && (
          <li class="muted center">No messages yet. Say hello!</li>
        )}
        {messages.map((message) =>
          message.kind === 'message' ? (
            <li key={message.id} class={`message${message.sender === me ? ' mine' : ''}`} data-id={message.id}>
              <span class="meta">
                <span class="sender">{message.sender === me ? 'You' : message.sender}</span>{' '}
                <time dateTime={message.timestamp}>{formatTime(message.timestamp)}</time>
              </span>
              <span class="text">
                <MessageText text={message.message} />
              </span>
            </li>
          ) : (
            <li key={message.id} class="event muted center">
              <MessageText text={message.message} />
            </li>
          ),
        )}
        {pending.map((item) => (
          <li key={item.client_id} class="message mine pending" data-pending={item.client_id}>
            <span class="meta">
              <span class="sender">You</span>{' '}
              <span class={item.error ? 'error' : 'muted'}>
                {item.error ? `Not sent: ${errorText(item.error)}` : 'Pending — waiting for the server'}
              </span>
            </span>
            <span class="text">{item.message}</span>
            {item.error && (
              <button
                class="link"
                onClick={() => void connector.request('discardPending', { client_id: item.client_id })}
              >
                Discard
              </button>
            )}
          </li>
        ))}
      </ol>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {props.canSend ? (
        <form
          class="composer"
          onSubmit={(event) => {
            event.preventDefault();
            void send();
          }}
        >
          <textarea
            aria-label={`Write to ${props.title}`}
            placeholder="Write a message — Enter sends, Shift+Enter adds a line"
            rows={2}
            maxLength={LIMITS.messageMax}
            value={draft}
            onInput={(event) => setDraft(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
                event.preventDefault();
                void send();
              }
            }}
          />
          <button type="submit">Send</button>
        </form>
      ) : (
        <p class="muted center">You are no longer a member of this group.</p>
      )}
    </section>
  );
}
