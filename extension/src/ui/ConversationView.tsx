import {
  ChatMessage,
  Conversation,
  conversationOf,
  ConversationSettingsRequest,
  CurrentMessage,
  isRelationKind,
  isRoomId,
  MessageRef,
  PendingChange,
  PendingMessage,
  RequestedDraft,
  sameConversation,
  UiError,
} from '@chatroom/shared';
import { Fragment } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../platform/i18n';
import { firstUnreadId, seenLine, seenText, typingText, withReadMarkers } from './attention';
import { AttachButton, AttachmentTray, FilesFrame, useAttachmentDraft } from './AttachmentPicker';
import { PendingAttachments } from './Attachments';
import { Composer } from './Composer';
import type { WorkerConnector } from './connector';
import { errorText, failureText } from './error-text';
import { mergeById, withArrived, withCurrent } from './loaded-messages';
import { ActionsMenu } from './MessageActions';
import { DaySeparator } from './DaySeparator';
import { pendingNewDays, placeMessages } from './message-groups';
import { ConfirmDelete, MessageEditor, MessageItem } from './MessageItem';
import { MessageText } from './MessageText';
import { NotifyMenu } from './NotifyMenu';
import { mentionCandidates } from './mentions';
import { withPendingChanges } from './pending-changes';
import { ServerFiles } from './server-files';

/** How long a message shown from a reply's quote stays highlighted. */
const HIGHLIGHT_MS = 2_000;

/** How close to the top or the bottom (px) the reader must scroll before older or newer messages load. */
const LOAD_MORE_THRESHOLD = 48;

/** How long after the last key the draft is handed to the worker (at once when the view goes). */
const DRAFT_SAVE_DELAY_MS = 300;

/** How close to the bottom (px) counts as reading the newest message. */
const AT_BOTTOM = 24;

/** Which message the user edits in place: a sent one, or one still in the outbox. */
type EditTarget = { id: number } | { client_id: string };

export function ConversationView(props: {
  connector: WorkerConnector;
  conversation: string;
  title: string;
  /** A message to show and highlight once the conversation has loaded (a search result). */
  showAt?: { id: number };
  me: string;
  outbox: PendingMessage[];
  /** Edits, deletes and reactions waiting for the server. */
  pendingChanges?: PendingChange[];
  /** Who takes part: offered when typing `@`. */
  participants?: string[];
  /** The room's admin, who may delete anyone's message in it. */
  roomAdmin?: string;
  canSend: boolean;
  /** Whether the worker reaches the server; a load that failed is tried again when it does. */
  online: boolean;
  /** Text shared from a page ("Send to ChatRoom"), put in the composer once, ready to edit and send. */
  shared?: RequestedDraft;
  /** The draft kept for this conversation: what the composer starts with. */
  draft?: string;
  /** Where the user stopped reading, when messages were unread as the view opened (null: none were). */
  readThrough?: number | null;
  /** Who types here now. */
  typing?: string[];
  /** "Mark as unread" from a message on; the view is left for the list. */
  onMarkUnread?: (fromId: number) => void;
  /** Put the caret in the composer (a notification's Reply); a new object each time it is asked. */
  focusComposer?: object;
  onBack?: () => void;
  onDetails?: () => void;
  /** "Search in this conversation". */
  onSearch?: () => void;
  /** The conversation as listed, for its notification menu in the header (none before it is listed). */
  listed?: Conversation;
  onNotifySettings?: (request: ConversationSettingsRequest) => void;
}) {
  const { connector, conversation, me } = props;
  const [messages, setMessages] = useState<CurrentMessage[]>([]);
  const [hasMore, setHasMore] = useState(false);
  /** Newer messages remain after the last one shown: the view jumped back to a message (GET /history?around=). */
  const [hasMoreAfter, setHasMoreAfter] = useState(false);
  /** The same, for the listeners; and what arrived meanwhile, shown once the view reaches the newest again. */
  const newer = useRef<{ waiting: boolean; arrived: ChatMessage[] }>({ waiting: false, arrived: [] });
  const [loading, setLoading] = useState(true);
  /** Why the newest page could not be loaded, in words; null once it was. */
  const [loadFailed, setLoadFailed] = useState<string | null>(null);
  /** Bumped to load the newest page again. */
  const [attempt, setAttempt] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState(props.draft ?? '');
  /** Where "New messages" goes: fixed as the view opens, so that reading here does not move it. */
  const [readThrough] = useState(props.readThrough ?? null);
  const scrolledToDivider = useRef(false);
  /** The page around the first unread is loaded once, when the view opens; later loads are of the newest. */
  const openedAtUnread = useRef(readThrough !== null);
  /** Whether the newest message is in view: "Jump to latest" shows while it is not. */
  const [atLatest, setAtLatest] = useState(true);
  /** The other members' read markers (GET read-state, then the `read` items the worker passes on). */
  const [markers, setMarkers] = useState<Record<string, number>>({});
  const [editing, setEditing] = useState<EditTarget | null>(null);
  const [confirmingPending, setConfirmingPending] = useState<string | null>(null);
  const [replyTo, setReplyTo] = useState<CurrentMessage | null>(null);
  const [highlighted, setHighlighted] = useState<number | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const composer = useRef<HTMLTextAreaElement>(null);
  /** Distance from the bottom before a change; kept when older messages are prepended. */
  const anchor = useRef<{ fromBottom: number } | null>(null);
  const stickToBottom = useRef(true);
  const files = useMemo(() => new ServerFiles(connector), [connector]);
  const attachments = useAttachmentDraft(files, props.online);

  useEffect(() => {
    let current = true;
    setLoading(true);
    const around = openedAtUnread.current && readThrough !== null ? readThrough + 1 : undefined;
    connector
      .request('history', around === undefined ? { with: conversation } : { with: conversation, around })
      .then((page) => {
        if (!current) return;
        openedAtUnread.current = false;
        if (page.has_more_after) {
          // The first unread is more than a page back: newer pages load as the reader scrolls down.
          setMessages(page.messages);
          setNewerWaiting(true);
        } else {
          // After a jump back, the newest page does not join what is shown: it replaces it.
          const jumped = newer.current.waiting;
          setMessages((existing) => (jumped ? page.messages : mergeById(existing, page.messages)));
          setNewerWaiting(false);
        }
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
      // Edits, deletes and reactions are not lines of their own: they change what is shown.
      const mine = incoming.filter((m) => sameConversation(conversationOf(m, me), conversation));
      if (!mine.length) return;
      // Away from the newest (after a jump back), new messages wait until the reader comes back down.
      if (newer.current.waiting) newer.current.arrived.push(...mine);
      const shownNow = newer.current.waiting ? mine.filter((m) => isRelationKind(m.kind)) : mine;
      setMessages((existing) => withArrived(existing, shownNow));
    });
    const offChanged = connector.onChanged((changed) => setMessages((existing) => withCurrent(existing, changed)));
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
      offChanged();
      offReconnect();
      document.removeEventListener('visibilitychange', onVisibility);
      void connector.request('viewConversation', { conversation: null }).catch(() => undefined);
    };
  }, [connector, conversation, me]);

  // The draft goes to the worker a moment after the last key, and at once when the view goes (closed
  // popup included), so that it outlives the view, the worker and the browser.
  const typed = useRef({ text: draft, saved: draft });
  typed.current.text = draft;
  useEffect(() => {
    const save = () => {
      const { text, saved } = typed.current;
      if (text === saved) return;
      typed.current.saved = text;
      void connector.request('saveDraft', { conversation, text }).catch(() => undefined);
    };
    const timer = setTimeout(save, DRAFT_SAVE_DELAY_MS);
    window.addEventListener('pagehide', save);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pagehide', save);
    };
  }, [draft]);
  useEffect(
    () => () => {
      const { text, saved } = typed.current;
      if (text !== saved) void connector.request('saveDraft', { conversation, text }).catch(() => undefined);
      void connector.request('typing', { conversation, typing: false }).catch(() => undefined);
    },
    [connector, conversation],
  );

  /** The composer's text changed: kept as the draft, and the others told that the user types (or stopped). */
  function changeDraft(text: string) {
    setDraft(text);
    void connector.request('typing', { conversation, typing: text.trim() !== '' }).catch(() => undefined);
  }

  useEffect(() => {
    let current = true;
    const load = () =>
      void connector
        .request('readState', { conversation })
        .then((state) => current && setMarkers(state.markers))
        .catch(() => undefined);
    load();
    const offEphemeral = connector.onEphemeral((items) => setMarkers((known) => withReadMarkers(known, items, conversation)));
    // Read markers are never replayed: a new worker may have missed some.
    const offReconnect = connector.onReconnect(load);
    return () => {
      current = false;
      offEphemeral();
      offReconnect();
    };
  }, [connector, conversation]);

  // A message the server accepted may arrive before the snapshot that takes it out of the outbox.
  const pending = props.outbox.filter(
    (item) => sameConversation(item.recipient, conversation) && !messages.some((m) => m.client_id === item.client_id),
  );

  const changes = (props.pendingChanges ?? []).filter((c) => sameConversation(c.conversation, conversation));
  const shown = messages.map((message) => withPendingChanges(message, changes, me));
  const dividerId = readThrough === null ? null : firstUnreadId(shown, readThrough, me);
  const seen = seenLine(shown, markers, me);
  const placed = placeMessages(shown, dividerId);
  const pendingDays = pendingNewDays(hasMoreAfter ? undefined : shown[shown.length - 1]?.timestamp, pending);
  const typingLine = typingText(props.typing ?? []);

  // Also when "Seen" or "is typing…" come or go: they take room from the newest messages too.
  useLayoutEffect(() => {
    const element = list.current;
    if (!element) return;
    const divider = scrolledToDivider.current || props.showAt ? null : element.querySelector<HTMLElement>('.new-messages');
    if (divider) {
      // Opened with unread messages: the first of them at the top, the rest below it.
      scrolledToDivider.current = true;
      anchor.current = null;
      element.scrollTop += divider.getBoundingClientRect().top - element.getBoundingClientRect().top;
      stickToBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < AT_BOTTOM && !newer.current.waiting;
      setAtLatest(stickToBottom.current);
    } else if (anchor.current) {
      element.scrollTop = element.scrollHeight - anchor.current.fromBottom;
      anchor.current = null;
    } else if (stickToBottom.current) {
      element.scrollTop = element.scrollHeight;
    }
  }, [messages, pending.length, seen?.id, seen?.readers.length, typingLine]);

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

  function setNewerWaiting(waiting: boolean) {
    newer.current = { waiting, arrived: waiting ? newer.current.arrived : [] };
    setHasMoreAfter(waiting);
  }

  async function loadNewer() {
    const last = messages[messages.length - 1];
    if (!last || !hasMoreAfter || loading) return;
    setLoading(true);
    try {
      const page = await connector.request('history', { with: conversation, after: last.id });
      const arrived = page.has_more_after ? [] : newer.current.arrived;
      setMessages((existing) => withArrived(mergeById(existing, page.messages), arrived));
      setNewerWaiting(page.has_more_after);
    } catch (failure) {
      setError(failureText(failure));
    } finally {
      setLoading(false);
    }
  }

  /**
   * Loads the page around a message (GET /history?around=): merged with what is shown when the two
   * meet, in its place otherwise (newer pages then load as the reader scrolls down). False when the
   * server cannot: one from before `around` ignores it (no has_more_after) or refuses it.
   */
  async function loadAround(id: number): Promise<boolean> {
    const page = await connector.request('history', { with: conversation, around: id }).catch(() => null);
    if (typeof page?.has_more_after !== 'boolean') return false;
    const newest = page.messages[page.messages.length - 1]?.id ?? 0;
    if (!page.has_more_after || newest >= (messages[0]?.id ?? Infinity)) {
      setMessages((existing) => mergeById(existing, page.messages));
    } else {
      setMessages(page.messages);
      setNewerWaiting(true);
    }
    setHasMore(page.has_more);
    return true;
  }

  /** Scrolls to a message (loading the page around it if need be) and highlights it for a moment. */
  async function showMessage(id: number) {
    // Before anything loads: the list must not scroll to the bottom (and load what is there) meanwhile.
    stickToBottom.current = false;
    if (!messages.some((m) => m.id === id) && !(await loadAround(id))) await loadBackTo(id);
    setHighlighted(id);
    setTimeout(() => setHighlighted((current) => (current === id ? null : current)), HIGHLIGHT_MS);
    requestAnimationFrame(() => {
      const target = list.current?.querySelector<HTMLElement>(`[data-id="${id}"]`);
      target?.scrollIntoView({ block: 'center' });
      target?.focus();
    });
  }

  /** Loads older pages until a message is there: for a server without `around`. */
  async function loadBackTo(id: number) {
    let oldest = messages[0]?.id ?? 0;
    let more = hasMore;
    let before = oldest;
    while (id < oldest && more) {
      const page = await connector.request('history', { with: conversation, before }).catch((failure: unknown) => {
        setError(failureText(failure));
        return null;
      });
      if (!page) return;
      setMessages((existing) => mergeById(existing, page.messages));
      setHasMore(page.has_more);
      more = page.has_more;
      before = page.messages[0]?.id ?? before;
      oldest = Math.min(oldest, before);
      if (!page.messages.length) break;
    }
  }

  const { shared } = props;
  useEffect(() => {
    if (!shared) return;
    setDraft((typed) => (typed.trim() ? `${typed}\n\n${shared.text}` : shared.text));
    void connector.request('draftTaken', { id: shared.id }).catch(() => undefined);
    requestAnimationFrame(() => {
      const box = composer.current;
      box?.focus();
      box?.setSelectionRange(box.value.length, box.value.length);
    });
  }, [shared?.id]);

  useEffect(() => {
    if (props.focusComposer) requestAnimationFrame(() => composer.current?.focus());
  }, [props.focusComposer]);

  const shownAt = useRef<{ id: number } | undefined>(undefined);
  useEffect(() => {
    const at = props.showAt;
    if (!at || at === shownAt.current || loading) return;
    shownAt.current = at;
    void showMessage(at.id);
  });

  function onScroll() {
    const element = list.current;
    if (!element) return;
    const fromBottom = element.scrollHeight - element.scrollTop - element.clientHeight;
    stickToBottom.current = fromBottom < AT_BOTTOM && !hasMoreAfter;
    setAtLatest(stickToBottom.current);
    if (element.scrollTop < LOAD_MORE_THRESHOLD) void loadOlder();
    else if (fromBottom < LOAD_MORE_THRESHOLD) void loadNewer();
  }

  /** "Jump to latest": the newest messages, loaded again when the view shows older ones only. */
  function jumpToLatest() {
    stickToBottom.current = true;
    setAtLatest(true);
    if (newer.current.waiting) {
      setAttempt((n) => n + 1);
      return;
    }
    const element = list.current;
    if (element) element.scrollTop = element.scrollHeight;
  }

  async function send() {
    const text = draft;
    const sending = attachments.ready;
    if (!text.trim() && !sending.length) return;
    if (attachments.uploading) {
      setError(t('conversationWaitForUploads'));
      return;
    }
    setError(null);
    const answering = replyTo;
    setDraft('');
    setReplyTo(null);
    attachments.clear();
    stickToBottom.current = true;
    // Back from a jump to an older message: what was sent shows with the newest.
    if (newer.current.waiting) setAttempt((n) => n + 1);
    try {
      await connector.request('send', {
        recipient: conversation,
        // Files may go without text, but not with text that is only spaces.
        message: sending.length && !text.trim() ? '' : text,
        ...(answering ? { reply_to: answering.id } : {}),
        ...(sending.length ? { attachments: sending } : {}),
      });
    } catch (failure) {
      setDraft(text);
      setReplyTo(answering);
      attachments.restore(sending);
      setError(failureText(failure));
    }
  }

  /** Runs a request to change a message; what went wrong is said in words chosen by its code. */
  async function change(request: () => Promise<unknown>) {
    setError(null);
    try {
      await request();
    } catch (failure) {
      setError(failureText(failure));
    }
  }

  function stopEditing() {
    setEditing(null);
    composer.current?.focus();
  }

  function saveEdit(ref: MessageRef, text: string, before: string) {
    stopEditing();
    if (text === before) return;
    void change(() => connector.request('editMessage', { ref, message: text }));
  }

  const refused = changes.filter((c): c is PendingChange & { error: UiError } => c.error !== undefined);

  function editLast() {
    const lastPending = pending[pending.length - 1];
    if (lastPending) {
      setEditing({ client_id: lastPending.client_id });
      return;
    }
    const last = [...shown].reverse().find((m) => m.kind === 'message' && !m.deleted && sameConversation(m.sender, me));
    if (last) setEditing({ id: last.id });
  }

  const candidates = mentionCandidates(props.participants ?? [conversation], me, isRoomId(conversation));
  const isAdmin = props.roomAdmin !== undefined && sameConversation(props.roomAdmin, me);

  return (
    <FilesFrame files={files} draft={attachments} canAttach={props.canSend} labelledBy="conversation-title">
      <header class="bar">
        {props.onBack && (
          <button class="icon back" aria-label={t('conversationBack')} onClick={props.onBack}>
            ←
          </button>
        )}
        <h2 id="conversation-title">{props.title}</h2>
        {props.onSearch && (
          <button class="icon" aria-label={t('conversationSearch')} title={t('conversationSearch')} onClick={props.onSearch}>
            🔍
          </button>
        )}
        {props.listed && props.onNotifySettings && <NotifyMenu conversation={props.listed} onChange={props.onNotifySettings} />}
        {props.onDetails && (
          <button class="secondary small" onClick={props.onDetails}>
            {t('conversationMembers')}
          </button>
        )}
      </header>
      <ol class="messages" ref={list} onScroll={onScroll} aria-label={t('conversationMessagesWith', props.title)} aria-live="polite" tabIndex={0}>
        {hasMore && (
          <li class="muted center">
            <button class="link" onClick={() => void loadOlder()}>
              {t('conversationLoadOlder')}
            </button>
          </li>
        )}
        {!loading && loadFailed !== null && !messages.length && (
          <li class="muted center" role="status">
            {t('conversationLoadFailed', loadFailed)}
          </li>
        )}
        {!loading && loadFailed === null && !messages.length && !pending.length && (
          <li class="muted center">{t('conversationEmpty')}</li>
        )}
        {shown.map((message, index) => {
          const place = placed[index];
          const day = place?.newDay && <DaySeparator timestamp={message.timestamp} />;
          if (message.kind !== 'message') {
            return (
              <Fragment key={message.id}>
                {day}
                <li class="event muted center" data-id={message.id}>
                  <MessageText text={message.message} />
                </li>
              </Fragment>
            );
          }
          const mine = sameConversation(message.sender, me);
          const ref: MessageRef = { id: message.id, conversation };
          const item = (
            <MessageItem
              key={message.id}
              message={message}
              me={me}
              continues={place?.continues ?? false}
              saving={changes.some((c) => c.id === message.id && !c.error)}
              canEdit={mine}
              canDelete={mine || isAdmin}
              editing={editing !== null && 'id' in editing && editing.id === message.id}
              highlighted={highlighted === message.id}
              onStartEdit={() => setEditing({ id: message.id })}
              onSaveEdit={(text) => saveEdit(ref, text, message.message)}
              onCancelEdit={stopEditing}
              onDelete={() => void change(() => connector.request('deleteMessage', { ref }))}
              onReact={(emoji, add) =>
                void change(() => connector.request('react', { id: message.id, conversation, emoji, add }))
              }
              onReply={() => {
                setReplyTo(message);
                composer.current?.focus();
              }}
              onShowOriginal={(id) => void showMessage(id)}
              loadRevisions={async () => (await connector.request('revisions', { id: message.id })).revisions}
              onMarkUnread={props.onMarkUnread && !mine ? () => props.onMarkUnread?.(message.id) : undefined}
            />
          );
          return (
            <Fragment key={message.id}>
              {day}
              {message.id === dividerId && (
                <li class="new-messages" role="separator" aria-label={t('conversationNewMessages')}>
                  <span>{t('conversationNewMessages')}</span>
                </li>
              )}
              {item}
              {seen && message.id === seen.id && (
                <li class="seen muted" title={isRoomId(conversation) ? t('conversationSeenByNames', seen.readers.join(', ')) : undefined}>
                  {seenText(seen, isRoomId(conversation))}
                </li>
              )}
            </Fragment>
          );
        })}
        {hasMoreAfter && (
          <li class="muted center">
            <button class="link" onClick={() => void loadNewer()}>
              {t('conversationLoadNewer')}
            </button>
          </li>
        )}
        {pending.map((item, index) => {
          const ref: MessageRef = { client_id: item.client_id };
          const answered = item.reply_to === undefined ? undefined : messages.find((m) => m.id === item.reply_to);
          const isEditing = editing !== null && 'client_id' in editing && editing.client_id === item.client_id;
          return (
            <Fragment key={item.client_id}>
              {pendingDays[index] && <DaySeparator timestamp={item.created_at} />}
              <li class="message mine pending" data-pending={item.client_id}>
                <span class="meta">
                  <span class="sender">{t('messageYou')}</span>{' '}
                  <span class={item.error ? 'error' : 'muted'}>
                    {item.error ? t('conversationNotSent', errorText(item.error)) : t('conversationPending')}
                  </span>
                  {!isEditing && (
                    <ActionsMenu
                      label={t('conversationPendingActions')}
                      items={[
                        { label: t('messageEdit'), onSelect: () => setEditing(ref) },
                        { label: t('messageDelete'), onSelect: () => setConfirmingPending(item.client_id) },
                      ]}
                    />
                  )}
                </span>
                {answered && (
                  <span class="quote">
                    <span class="sender">{answered.sender}</span> {answered.deleted ? <em>{t('messageDeleted')}</em> : answered.message}
                  </span>
                )}
                {isEditing ? (
                  <MessageEditor initial={item.message} onSave={(text) => saveEdit(ref, text, item.message)} onCancel={stopEditing} />
                ) : (
                  <span class="text">{item.message}</span>
                )}
                <PendingAttachments files={item.attachments} />
                {item.error && (
                  <button
                    class="link"
                    onClick={() => void connector.request('discardPending', { client_id: item.client_id })}
                  >
                    {t('conversationDiscard')}
                  </button>
                )}
                {confirmingPending === item.client_id && (
                  <ConfirmDelete
                    onCancel={() => setConfirmingPending(null)}
                    onConfirm={() => {
                      setConfirmingPending(null);
                      void change(() => connector.request('deleteMessage', { ref }));
                    }}
                  />
                )}
              </li>
            </Fragment>
          );
        })}
      </ol>
      {(!atLatest || hasMoreAfter) && messages.length > 0 && (
        <div class="jump-latest-anchor">
          <button type="button" class="jump-latest small" onClick={jumpToLatest}>
            {t('conversationJumpToLatest')}
          </button>
        </div>
      )}
      {refused.map((item) => (
        <p key={item.client_id} class="error" role="alert">
          {t('conversationNotSaved', errorText(item.error))}{' '}
          <button class="link" onClick={() => void connector.request('discardPending', { client_id: item.client_id })}>
            {t('conversationDismiss')}
          </button>
        </p>
      ))}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {typingLine && props.canSend && (
        <p class="typing muted" role="status">
          {typingLine}
        </p>
      )}
      {props.canSend ? (
        <Composer
          title={props.title}
          value={draft}
          onChange={changeDraft}
          onSend={() => void send()}
          onEditLast={editLast}
          candidates={candidates}
          replyTo={replyTo}
          onCancelReply={() => setReplyTo(null)}
          box={composer}
          tray={<AttachmentTray draft={attachments} />}
          tools={<AttachButton draft={attachments} />}
        />
      ) : (
        <p class="muted center">{t('conversationNoLongerMember')}</p>
      )}
    </FilesFrame>
  );
}
