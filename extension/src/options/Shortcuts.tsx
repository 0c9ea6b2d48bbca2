import { useEffect, useState } from 'preact/hooks';
import { openShortcutSettings, Shortcut, shortcuts } from '../platform/page-api';
import { VIEW_SHORTCUTS } from '../ui/conversation-keys';
import type { MessageKey } from '../locales/en';
import { t, tParts } from '../platform/i18n';

/** What the browser's own commands do; browsers give them no description. */
const BUILT_IN: Partial<Record<string, MessageKey>> = { _execute_action: 'shortcutOpenPopup' };

function builtIn(name: string): string {
  const key = BUILT_IN[name];
  return key ? t(key) : name;
}

/** The keyboard shortcuts: the browser's (opening the popup or the panel, as the user set them) and the views' own. */
export function Shortcuts() {
  const [commands, setCommands] = useState<Shortcut[] | null>(null);
  useEffect(() => {
    void shortcuts().then(setCommands, () => setCommands([]));
  }, []);

  return (
    <section aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title">{t('shortcutsTitle')}</h2>
      <table class="shortcuts" aria-label={t('shortcutsTitle')}>
        <tbody>
          {(commands ?? []).map((command) => (
            <tr key={command.name}>
              <td>{command.shortcut ? <kbd>{command.shortcut}</kbd> : <span class="muted">{t('shortcutNotSet')}</span>}</td>
              <td>{command.description || builtIn(command.name)}</td>
            </tr>
          ))}
          {VIEW_SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.keys}>
              <td>
                <kbd>{shortcut.keys}</kbd>
              </td>
              <td>{t(shortcut.does)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">
        {tParts('omniboxHowTo', <kbd>cr</kbd>)}
      </p>
      <button type="button" class="secondary" onClick={() => void openShortcutSettings()}>
        {t('changeBrowserShortcuts')}
      </button>
    </section>
  );
}
