import { Conversation, parseSearchQuery, SearchResult, SearchTerm } from '@chatroom/shared';
import type { ComponentChildren, Ref } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t, uiLanguage } from '../platform/i18n';
import type { WorkerConnector } from './connector';
import { failureText } from './error-text';
import { formatTime } from './format';
import { quickSwitchMatches, SwitchTarget } from './quick-switch';
import { highlightSegments } from './search-highlight';

/** The conversation a search is narrowed to ("Search in this conversation"). */
export interface SearchScope {
  id: string;
  name: string;
}

/** A search the user ran, and what the server has answered so far. */
interface SearchRun {
  /** Which search this is: an answer to an earlier one never lands in a later one. */
  id: number;
  query: string;
  terms: SearchTerm[];
  scope: SearchScope | null;
  results: SearchResult[];
  nextBefore: number | null;
  loading: boolean;
  error: string | null;
}

/** Long messages show as an excerpt around what matched. */
const EXCERPT_LENGTH = 160;

const LISTBOX_ID = 'search-suggestions';

/** The shortcut that focuses the field, as the keyboard in front of the user labels it. */
const shortcut = () => (navigator.userAgent.includes('Mac') ? '⌘K' : t('searchShortcut'));

type Option = { kind: 'switch'; target: SwitchTarget } | { kind: 'search' };

/**
 * One field for both jumping and searching, as in Slack: what is typed filters conversations and
 * people by name (Enter opens the chosen one), and its last option searches the messages for it.
 * While results are shown they take the place of `children` (the conversation list).
 */
export function Search(props: {
  connector: WorkerConnector;
  conversations: Conversation[];
  people: string[];
  me: string;
  scope: SearchScope | null;
  onScope: (scope: SearchScope | null) => void;
  field: Ref<HTMLInputElement>;
  onOpen: (conversation: string, messageId?: number) => void;
  children: ComponentChildren;
}) {
  const { connector, scope } = props;
  const [text, setText] = useState('');
  const [expanded, setExpanded] = useState(false);
  const [active, setActive] = useState(0);
  const [run, setRun] = useState<SearchRun | null>(null);
  const runs = useRef(0);

  // A search narrowed to a conversation is a new search: the previous results were about something else.
  useEffect(() => {
    setRun(null);
  }, [scope?.id]);

  const matches = scope ? [] : quickSwitchMatches(text, props.conversations, props.people, props.me);
  const options: Option[] = text.trim() ? [...matches.map((target): Option => ({ kind: 'switch', target })), { kind: 'search' }] : [];
  const open = expanded && options.length > 0;
  const current = Math.min(active, options.length - 1);

  async function search(query: string, within: SearchScope | null) {
    const terms = parseSearchQuery(query);
    const id = ++runs.current;
    const fresh: SearchRun = { id, query, terms, scope: within, results: [], nextBefore: null, loading: true, error: null };
    if (!terms.length) {
      setRun({ ...fresh, loading: false, error: t('searchNoWords') });
      return;
    }
    setRun(fresh);
    await fetchPage(fresh);
  }

  /** Asks for the page of `current` after what it has (the first one when it has nothing yet). */
  async function fetchPage(current: SearchRun) {
    const { id, query, scope: within, nextBefore } = current;
    const update = (change: (run: SearchRun) => SearchRun) => setRun((previous) => (previous?.id === id ? change(previous) : previous));
    update((previous) => ({ ...previous, loading: true, error: null }));
    try {
      const page = await connector.request('search', { q: query, ...(within ? { with: within.id } : {}), ...(nextBefore !== null ? { before: nextBefore } : {}) });
      update((previous) => ({ ...previous, results: [...previous.results, ...page.results], nextBefore: page.next_before, loading: false }));
    } catch (failure) {
      update((previous) => ({ ...previous, loading: false, error: failureText(failure) }));
    }
  }

  function choose(option: Option | undefined) {
    if (!option) return;
    setExpanded(false);
    if (option.kind === 'search') {
      void search(text.trim(), scope);
      return;
    }
    setText('');
    props.onOpen(option.target.id);
  }

  function close() {
    setRun(null);
    setText('');
    props.onScope(null);
  }

  const placeholder = scope ? t('searchPlaceholderIn', scope.name) : t('searchPlaceholder', shortcut());
  return (
    <>
      <div class="search">
        {scope && (
          <span class="scope chip">
            {t('searchScope', scope.name)}
            <button type="button" class="icon" aria-label={t('searchEverywhere', scope.name)} onClick={() => props.onScope(null)}>
              ✕
            </button>
          </span>
        )}
        <input
          ref={props.field}
          type="search"
          role="combobox"
          aria-label={scope ? t('searchFieldIn', scope.name) : t('searchField')}
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={LISTBOX_ID}
          aria-activedescendant={open ? `${LISTBOX_ID}-${current}` : undefined}
          placeholder={placeholder}
          value={text}
          onInput={(event) => {
            setText(event.currentTarget.value);
            setActive(0);
            setExpanded(true);
          }}
          onFocus={() => setExpanded(true)}
          onBlur={() => setExpanded(false)}
          onKeyDown={(event) => {
            if (open && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
              event.preventDefault();
              setActive((current + (event.key === 'ArrowDown' ? 1 : -1) + options.length) % options.length);
            } else if (event.key === 'Enter' && !event.isComposing) {
              event.preventDefault();
              choose(open ? options[current] : { kind: 'search' });
            } else if (event.key === 'Escape') {
              event.preventDefault();
              if (open) setExpanded(false);
              else if (text || run || scope) close();
            }
          }}
        />
        {open && (
          <ul class="suggestions switcher" id={LISTBOX_ID} role="listbox" aria-label={t('searchOptions')}>
            {options.map((option, index) => (
              <li
                key={option.kind === 'switch' ? `${option.target.kind}:${option.target.id}` : 'search'}
                id={`${LISTBOX_ID}-${index}`}
                role="option"
                aria-selected={index === current}
                class={`${index === current ? 'active' : ''}${option.kind === 'search' ? ' search-option' : ''}`}
                // Chosen before the field loses focus.
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(option);
                }}
              >
                {option.kind === 'search' ? (
                  scope ? t('searchConversationFor', scope.name, text.trim()) : t('searchMessagesFor', text.trim())
                ) : (
                  <SwitchLabel target={option.target} />
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      {run ? <SearchResults run={run} onOpen={props.onOpen} onClose={close} onMore={() => void fetchPage(run)} /> : props.children}
    </>
  );
}

function SwitchLabel({ target }: { target: SwitchTarget }) {
  if (target.kind === 'person') return <>{target.name} <span class="muted">{t('searchStartChat')}</span></>;
  return (
    <>
      {target.type === 'room' && <span aria-hidden="true"># </span>}
      {target.name}
      {target.type === 'room' && <span class="muted"> {t('searchGroup')}</span>}
      {target.unread > 0 && <span class="muted">, {t('listUnread', String(target.unread))}</span>}
    </>
  );
}

function SearchResults(props: { run: SearchRun; onOpen: (conversation: string, messageId: number) => void; onClose: () => void; onMore: () => void }) {
  const { run } = props;
  const scope = run.scope;
  return (
    <section class="search-results" aria-labelledby="search-results-title">
      <header class="bar">
        <h2 id="search-results-title">
          {scope ? t('searchResultsForIn', run.query, scope.name) : t('searchResultsFor', run.query)}
        </h2>
        <button class="icon" aria-label={t('searchClose')} onClick={props.onClose}>
          ✕
        </button>
      </header>
      {run.results.length > 0 && (
        <ul class="results" aria-label={t('searchResults')}>
          {run.results.map((result) => (
            <li key={result.message.id}>
              {result.conversation.type === 'announcement' ? (
                <div class="result">
                  <ResultBody result={result} terms={run.terms} />
                </div>
              ) : (
                <button class="result" data-message={result.message.id} onClick={() => props.onOpen(result.conversation.id, result.message.id)}>
                  <ResultBody result={result} terms={run.terms} />
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {run.loading && (
        <p class="muted center" role="status">
          {t('searching')}
        </p>
      )}
      {run.error && (
        <p class="error" role="alert">
          {run.error}
        </p>
      )}
      {!run.loading && !run.error && !run.results.length && (
        <p class="muted center" role="status">
          {scope ? t('searchNoMatchIn', run.query, scope.name) : t('searchNoMatch', run.query)}
        </p>
      )}
      {!run.loading && run.nextBefore !== null && (
        <p class="center">
          <button class="secondary small" onClick={props.onMore}>
            {t('searchLoadMore')}
          </button>
        </p>
      )}
    </section>
  );
}

function ResultBody({ result, terms }: { result: SearchResult; terms: SearchTerm[] }) {
  const { message, conversation } = result;
  return (
    <>
      <span class="result-top">
        <span class="conversation-name">
          {conversation.type === 'room' && <span aria-hidden="true"># </span>}
          {conversation.name}
        </span>
        <time class="muted" dateTime={message.timestamp} title={new Date(message.timestamp).toLocaleString(uiLanguage())}>
          {formatTime(message.timestamp)}
        </time>
      </span>
      <span class="result-text">
        <span class="sender">{message.sender}:</span>{' '}
        {/* Results stay while snapshots render the view again: marked up once per message and query. */}
        {useMemo(() => highlightSegments(message.message, terms, EXCERPT_LENGTH), [message.message, terms]).map((segment, index) =>
          segment.match ? <mark key={index}>{segment.text}</mark> : segment.text,
        )}
      </span>
    </>
  );
}
