import { CurrentMessage, LIMITS } from '@chatroom/shared';
import type { ComponentChildren, Ref } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../platform/i18n';
import { completeMention, mentionAt, MentionQuery, mentionSuggestions } from './mentions';

export interface ComposerProps {
  title: string;
  value: string;
  onChange: (text: string) => void;
  onSend: () => void;
  /** ↑ in an empty composer: edit the user's last message. */
  onEditLast: () => void;
  /** Who `@` may name here. */
  candidates: string[];
  replyTo: CurrentMessage | null;
  onCancelReply: () => void;
  box: Ref<HTMLTextAreaElement>;
  /** Above the box: the files of the message (AttachmentTray). */
  tray?: ComponentChildren;
  /** Beside Send: the 📎 button. */
  tools?: ComponentChildren;
}

const LISTBOX_ID = 'mention-suggestions';

/**
 * The message box: Enter sends, Shift+Enter adds a line. Typing `@` offers the conversation's
 * participants (a combobox: arrows choose, Enter or Tab takes one, Escape closes the list).
 */
export function Composer(props: ComposerProps) {
  const [query, setQuery] = useState<MentionQuery | null>(null);
  const [active, setActive] = useState(0);
  const suggestions = query ? mentionSuggestions(query.query, props.candidates) : [];
  const open = suggestions.length > 0;

  function track(element: HTMLTextAreaElement) {
    const found = element.selectionStart === element.selectionEnd ? mentionAt(element.value, element.selectionStart) : null;
    if (found?.start !== query?.start || found?.query !== query?.query) setActive(0);
    setQuery(found);
  }

  function take(name: string, element: HTMLTextAreaElement) {
    if (!query) return;
    const completed = completeMention(element.value, element.selectionStart, query, name);
    props.onChange(completed.text);
    setQuery(null);
    // The value is rendered anew first; the caret goes after the name once it is.
    requestAnimationFrame(() => element.setSelectionRange(completed.caret, completed.caret));
  }

  return (
    <div class="composer-area">
      {props.replyTo && (
        <p class="reply-chip" role="note" aria-label={t('composerReplyingToLabel', props.replyTo.sender)}>
          <span class="quote-text">
            <span class="sender">{t('composerReplyingTo', props.replyTo.sender)}</span> {props.replyTo.message}
          </span>
          <button type="button" class="icon" aria-label={t('composerCancelReply')} onClick={props.onCancelReply}>
            ✕
          </button>
        </p>
      )}
      {open && (
        <ul class="suggestions" id={LISTBOX_ID} role="listbox" aria-label={t('composerMentionList')}>
          {suggestions.map((name, index) => (
            <li
              key={name}
              id={`${LISTBOX_ID}-${index}`}
              role="option"
              aria-selected={index === active}
              class={index === active ? 'active' : undefined}
              // Taken before the box loses focus.
              onMouseDown={(event) => {
                event.preventDefault();
                const element = event.currentTarget.closest('.composer-area')?.querySelector('textarea');
                if (element) take(name, element);
              }}
            >
              @{name}
            </li>
          ))}
        </ul>
      )}
      {props.tray}
      <form
        class="composer"
        onSubmit={(event) => {
          event.preventDefault();
          props.onSend();
        }}
      >
        <textarea
          ref={props.box}
          role="combobox"
          aria-label={t('composerWriteTo', props.title)}
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={LISTBOX_ID}
          aria-activedescendant={open ? `${LISTBOX_ID}-${active}` : undefined}
          placeholder={t('composerPlaceholder')}
          rows={2}
          maxLength={LIMITS.messageMax}
          value={props.value}
          onInput={(event) => {
            props.onChange(event.currentTarget.value);
            track(event.currentTarget);
          }}
          onClick={(event) => track(event.currentTarget)}
          onBlur={() => setQuery(null)}
          onKeyDown={(event) => {
            const element = event.currentTarget;
            if (open) {
              if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
                event.preventDefault();
                const step = event.key === 'ArrowDown' ? 1 : -1;
                setActive((active + step + suggestions.length) % suggestions.length);
                return;
              }
              if (event.key === 'Enter' || event.key === 'Tab') {
                event.preventDefault();
                const name = suggestions[active];
                if (name) take(name, element);
                return;
              }
              if (event.key === 'Escape') {
                event.preventDefault();
                setQuery(null);
                return;
              }
            }
            if (event.key === 'Escape' && props.replyTo) {
              event.preventDefault();
              props.onCancelReply();
            } else if (event.key === 'ArrowUp' && element.value === '') {
              event.preventDefault();
              props.onEditLast();
            } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
              event.preventDefault();
              props.onSend();
            }
          }}
          onKeyUp={(event) => {
            if (event.key === 'ArrowLeft' || event.key === 'ArrowRight' || event.key === 'Home' || event.key === 'End') track(event.currentTarget);
          }}
        />
        {props.tools}
        <button type="submit">{t('composerSend')}</button>
      </form>
    </div>
  );
}
