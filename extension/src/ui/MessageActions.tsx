import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../platform/i18n';
import { loadRecentEmoji, pickerChoices, rememberEmoji } from './recent-emoji';

export interface MenuItem {
  label: string;
  onSelect: () => void;
  /** One of a set of choices (a notification level): shown ticked when it is the one in force. */
  checked?: boolean;
}

const MENU_ITEMS = '[role=menuitem], [role=menuitemradio]';

/** Moves focus among `[role=menuitem]`/buttons of a container with the arrow keys, as a menu does. */
function arrowFocus(event: KeyboardEvent, container: HTMLElement | null, selector: string): void {
  if (!container || (event.key !== 'ArrowDown' && event.key !== 'ArrowUp' && event.key !== 'ArrowRight' && event.key !== 'ArrowLeft')) return;
  const items = [...container.querySelectorAll<HTMLElement>(selector)];
  const at = items.indexOf(document.activeElement as HTMLElement);
  const step = event.key === 'ArrowDown' || event.key === 'ArrowRight' ? 1 : -1;
  items[(at + step + items.length) % items.length]?.focus();
  event.preventDefault();
}

/**
 * A "…" button (or `icon`) and its menu, for a message or a list row: opened by click, Enter or
 * Space; arrows move, Escape closes.
 */
export function ActionsMenu({ label, items, icon = '…', title = t('menuActions') }: { label: string; items: MenuItem[]; icon?: string; title?: string }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  // Before paint, so the first arrow key pressed after opening already moves within the menu.
  useLayoutEffect(() => {
    if (open) menu.current?.querySelector<HTMLElement>(MENU_ITEMS)?.focus();
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  return (
    <span class="actions-menu">
      <button
        ref={button}
        type="button"
        class="icon more"
        aria-label={label}
        title={title}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {icon}
      </button>
      {open && (
        <div
          ref={menu}
          class="menu"
          role="menu"
          aria-label={label}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              close(true);
            } else if (event.key === 'Tab') {
              close(false);
            } else {
              arrowFocus(event, menu.current, MENU_ITEMS);
            }
          }}
          onFocusOut={(event) => {
            if (!menu.current?.contains(event.relatedTarget as Node | null) && event.relatedTarget !== button.current) close(false);
          }}
        >
          {items.map((item) => (
            <button
              key={item.label}
              type="button"
              role={item.checked === undefined ? 'menuitem' : 'menuitemradio'}
              aria-checked={item.checked}
              onClick={() => {
                close(false);
                item.onSelect();
              }}
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
    </span>
  );
}

/** A few emoji to react with: the ones used recently here first, then common ones. */
export function ReactionPicker({ onPick, onClose }: { onPick: (emoji: string) => void; onClose: () => void }) {
  /** Null until storage answered, so the choices do not move under the pointer. */
  const [recent, setRecent] = useState<string[] | null>(null);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let current = true;
    loadRecentEmoji()
      .catch(() => [])
      .then((stored) => current && setRecent(stored))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, []);
  useEffect(() => {
    box.current?.querySelector<HTMLElement>('button')?.focus();
  }, [recent]);
  if (!recent) return null;

  return (
    <div
      ref={box}
      class="picker"
      role="dialog"
      aria-label={t('pickerLabel')}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        } else {
          arrowFocus(event, box.current, 'button');
        }
      }}
    >
      {pickerChoices(recent).map((emoji) => (
        <button
          key={emoji}
          type="button"
          class="icon"
          aria-label={t('pickerReactWith', emoji)}
          onClick={() => {
            void rememberEmoji(emoji).catch(() => undefined);
            onPick(emoji);
          }}
        >
          {emoji}
        </button>
      ))}
      <button type="button" class="icon" aria-label={t('close')} onClick={onClose}>
        ✕
      </button>
    </div>
  );
}
