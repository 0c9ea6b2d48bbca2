import { CurrentMessage, ErrorCode, freshState, PendingChange } from '@chatroom/shared';
import { withPendingChanges } from './pending-changes';

const message: CurrentMessage = freshState({ id: 7, kind: 'message', sender: 'alice', recipient: 'bob', message: 'helo', timestamp: '2026-12-01T10:00:00.000Z' });
const pending = (change: PendingChange['change'], extra: Partial<PendingChange> = {}): PendingChange => ({
  client_id: Math.random().toString(36),
  id: 7,
  conversation: 'bob',
  change,
  created_at: '2026-12-01T10:01:00.000Z',
  ...extra,
});

describe('withPendingChanges', () => {
  it('shows queued edits and reactions at once, in the order made', () => {
    const shown = withPendingChanges(
      message,
      [
        pending({ kind: 'edit', message: 'hello' }),
        pending({ kind: 'react', emoji: '👍', add: true }),
        pending({ kind: 'react', emoji: '🎉', add: true }),
        pending({ kind: 'react', emoji: '🎉', add: false }),
      ],
      'alice',
    );
    expect(shown).toMatchObject({ message: 'hello', reactions: [{ emoji: '👍', users: ['alice'] }] });
  });

  it('shows a queued delete, and leaves out refused changes and those of other messages', () => {
    const refused = pending({ kind: 'edit', message: 'too late' }, { error: { code: ErrorCode.EditWindowExpired, message: 'Too late.' } });
    expect(withPendingChanges(message, [refused, pending({ kind: 'edit', message: 'other' }, { id: 8 })], 'alice')).toBe(message);
    expect(withPendingChanges(message, [pending({ kind: 'delete' })], 'alice')).toMatchObject({ deleted: true, message: '' });
  });
});
