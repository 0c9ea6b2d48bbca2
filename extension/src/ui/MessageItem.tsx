import { CurrentMessage, LIMITS, Revision, sameConversation } from '@chatroom/shared';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../platform/i18n';
import { Attachments } from './Attachments';
import { Avatar } from './Avatar';
import { clockTime, fullTime } from './day-label';
import { failureText } from './error-text';
import { formatTime } from './format';
import { ActionsMenu, MenuItem, ReactionPicker } from './MessageActions';
import { MessageText } from './MessageText';

/** Edits a text in place: Enter saves, Shift+Enter adds a line, Escape cancels. */
export function MessageEditor({ initial, onSave, onCancel }: { initial: string; onSave: (text: string) => void; onCancel: () => void }) {
  const [text, setText] = useState(initial);
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    element.focus();
    element.setSelectionRange(element.value.length, element.value.length);
  }, []);
  return (
    <form
      class="editor"
      onSubmit={(event) => {
        event.preventDefault();
        onSave(text);
      }}
    >
      <textarea
        ref={box}
        aria-label={t('messageEditLabel')}
        rows={2}
        maxLength={LIMITS.messageMax}
        value={text}
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            onCancel();
          } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            onSave(text);
          }
        }}
      />
      <span class="row">
        <button type="submit" class="small">
          {t('save')}
        </button>
        <button type="button" class="secondary small" onClick={onCancel}>
          {t('cancel')}
        </button>
        <span class="muted hint">{t('messageEditHint')}</span>
      </span>
    </form>
  );
}

export interface MessageItemProps {
  message: CurrentMessage;
  me: string;
  /** It follows the same sender's previous message closely: no name or avatar, the time on hover. */
  continues?: boolean;
  /** Changes of the user's to it wait for the server. */
  saving: boolean;
  canEdit: boolean;
  canDelete: boolean;
  editing: boolean;
  highlighted: boolean;
  onStartEdit: () => void;
  onSaveEdit: (text: string) => void;
  onCancelEdit: () => void;
  onDelete: () => void;
  onReact: (emoji: string, add: boolean) => void;
  onReply: () => void;
  onShowOriginal: (id: number) => void;
  loadRevisions: () => Promise<Revision[]>;
  /** "Mark as unread": this message and those after it become unread. */
  onMarkUnread?: () => void;
}

export function MessageItem(props: MessageItemProps) {
  const { message, me } = props;
  const [picking, setPicking] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [revisions, setRevisions] = useState<Revision[] | null>(null);
  const [revisionsError, setRevisionsError] = useState<string | null>(null);
  const mine = sameConversation(message.sender, me);
  const who = mine ? t('messageYou') : message.sender;
  const mentionsMe = !mine && message.mentions.some((name) => sameConversation(name, me));

  async function toggleRevisions() {
    if (revisions) {
      setRevisions(null);
      return;
    }
    setRevisionsError(null);
    try {
      setRevisions(await props.loadRevisions());
    } catch (failure) {
      setRevisionsError(failureText(failure));
    }
  }

  const items: MenuItem[] = message.deleted
    ? []
    : [
        { label: t('messageReact'), onSelect: () => setPicking(true) },
        { label: t('messageReply'), onSelect: props.onReply },
        ...(props.canEdit ? [{ label: t('messageEdit'), onSelect: props.onStartEdit }] : []),
        ...(props.canDelete ? [{ label: t('messageDelete'), onSelect: () => setConfirming(true) }] : []),
        ...(props.onMarkUnread ? [{ label: t('messageMarkUnread'), onSelect: props.onMarkUnread }] : []),
      ];
  const classes = ['message', mine && 'mine', props.continues && 'continues', message.deleted && 'deleted', mentionsMe && 'mentions-me', props.highlighted && 'highlighted']
    .filter(Boolean)
    .join(' ');

  return (
    <li class={classes} data-id={message.id} title={props.continues ? fullTime(message.timestamp) : undefined}>
      <span class="meta">
        {props.continues ? (
          <time class="hover-time" dateTime={message.timestamp}>
            {clockTime(message.timestamp)}
          </time>
        ) : (
          <>
            {!mine && <Avatar name={message.sender} />}
            <span class="sender">{who}</span>{' '}
            <time dateTime={message.timestamp} title={fullTime(message.timestamp)}>
              {clockTime(message.timestamp)}
            </time>
          </>
        )}
        {message.edited_at && !message.deleted && (
          <>
            {' '}
            <button
              type="button"
              class="link edited"
              aria-expanded={revisions !== null}
              aria-label={t('messageEditedLabel')}
              onClick={() => void toggleRevisions()}
            >
              {t('messageEdited')}
            </button>
          </>
        )}
        {props.saving && <span class="muted"> · {t('messageSaving')}</span>}
        {items.length > 0 && !props.editing && <ActionsMenu label={mine ? t('messageActionsMine') : t('messageActionsFrom', message.sender)} items={items} />}
      </span>
      {message.reply_to && (
        <button
          type="button"
          class="quote"
          aria-label={t('messageShowAnswered', message.reply_to.sender, message.reply_to.deleted ? t('messageDeleted') : message.reply_to.excerpt)}
          onClick={() => message.reply_to && props.onShowOriginal(message.reply_to.id)}
        >
          <span class="sender">{message.reply_to.sender}</span>{' '}
          {message.reply_to.deleted ? <em>{t('messageDeleted')}</em> : message.reply_to.excerpt}
        </button>
      )}
      {props.editing ? (
        <MessageEditor initial={message.message} onSave={props.onSaveEdit} onCancel={props.onCancelEdit} />
      ) : message.deleted ? (
        <span class="text muted">
          <em>{t('messageDeleted')}</em>
        </span>
      ) : (
        <span class="text">
          <MessageText text={message.message} mentions={message.mentions} me={me} />
        </span>
      )}
      {!message.deleted && <Attachments files={message.attachments} />}
      {revisions && (
        <ol class="revisions" aria-label={t('messageEarlierVersions')}>
          {revisions.slice(0, -1).map((revision, index) => (
            <li key={index}>
              <span class="muted">{revision.edited_at ? t('messageEditedAt', formatTime(revision.edited_at)) : t('messageOriginal')}: </span>
              {revision.message}
            </li>
          ))}
        </ol>
      )}
      {revisionsError && (
        <span class="error" role="alert">
          {revisionsError}
        </span>
      )}
      {message.reactions.length > 0 && (
        <span class="reactions" role="group" aria-label={t('messageReactions')}>
          {message.reactions.map((reaction) => {
            const reacted = reaction.users.some((user) => sameConversation(user, me));
            const names = reaction.users.map((user) => (sameConversation(user, me) ? t('messageYouLower') : user)).join(', ');
            return (
              <button
                key={reaction.emoji}
                type="button"
                class={`chip reaction${reacted ? ' reacted' : ''}`}
                aria-pressed={reacted}
                aria-label={`${reaction.emoji} ${reaction.users.length}: ${names}`}
                title={`${reaction.emoji} ${names}`}
                disabled={message.deleted}
                onClick={() => props.onReact(reaction.emoji, !reacted)}
              >
                {reaction.emoji} {reaction.users.length}
              </button>
            );
          })}
        </span>
      )}
      {picking && (
        <ReactionPicker
          onClose={() => setPicking(false)}
          onPick={(emoji) => {
            setPicking(false);
            const reacted = message.reactions.some((r) => r.emoji === emoji && r.users.some((user) => sameConversation(user, me)));
            props.onReact(emoji, !reacted);
          }}
        />
      )}
      {confirming && (
        <ConfirmDelete
          onConfirm={() => {
            setConfirming(false);
            props.onDelete();
          }}
          onCancel={() => setConfirming(false)}
        />
      )}
    </li>
  );
}

/** Asks before a delete, which nobody can undo; Escape keeps the message. */
export function ConfirmDelete({ onConfirm, onCancel }: { onConfirm: () => void; onCancel: () => void }) {
  const cancel = useRef<HTMLButtonElement>(null);
  // In the commit that removes the menu, not after paint: otherwise focus sits on the page for a frame
  // and a key pressed then is lost.
  useLayoutEffect(() => cancel.current?.focus(), []);
  return (
    <span
      class="confirm"
      role="alertdialog"
      aria-label={t('messageConfirmDeleteLabel')}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      <span>{t('messageConfirmDelete')}</span>
      <button type="button" class="small danger-solid" onClick={onConfirm}>
        {t('messageDelete')}
      </button>
      <button ref={cancel} type="button" class="secondary small" onClick={onCancel}>
        {t('cancel')}
      </button>
    </span>
  );
}
