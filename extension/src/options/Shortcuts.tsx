import { useEffect, useState } from 'preact/hooks';
import { openShortcutSettings, Shortcut, shortcuts } from '../platform/browser-api';
import { VIEW_SHORTCUTS } from '../ui/conversation-keys';

/** What the browser's own commands do; browsers give them no description. */
const BUILT_IN: Record<string, string> = { _execute_action: 'Open the ChatRoom popup' };

/** The keyboard shortcuts: the browser's (opening the popup or the panel, as the user set them) and the views' own. */
export function Shortcuts() {
  const [commands, setCommands] = useState<Shortcut[] | null>(null);
  useEffect(() => {
    void shortcuts().then(setCommands, () => setCommands([]));
  }, []);

  return (
    <section aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <table class="shortcuts" aria-label="Keyboard shortcuts">
        <tbody>
          {(commands ?? []).map((command) => (
            <tr key={command.name}>
              <td>{command.shortcut ? <kbd>{command.shortcut}</kbd> : <span class="muted">not set</span>}</td>
              <td>{command.description || (BUILT_IN[command.name] ?? command.name)}</td>
            </tr>
          ))}
          {VIEW_SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.keys}>
              <td>
                <kbd>{shortcut.keys}</kbd>
              </td>
              <td>{shortcut.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">
        In the address bar, type <kbd>cr</kbd>, a space, a conversation’s name and your message, then Enter.
      </p>
      <button type="button" class="secondary" onClick={() => void openShortcutSettings()}>
        Change the browser’s shortcuts
      </button>
    </section>
  );
}
