import { asksAttention, AttentionInput, badgeCount, effectiveNotifyLevel, isInFuture } from './attention';

const NOW = Date.parse('2026-12-02T12:00:00.000Z');
const LATER = '2026-12-02T13:00:00.000Z';
const EARLIER = '2026-12-02T11:00:00.000Z';
const waiting = (notify: AttentionInput['notify'], muted_until: string | null = null): AttentionInput => ({ unread: 5, mentions: 2, notify, muted_until });

describe('badgeCount', () => {
  it('counts every unread message under all, only mentions under mentions, nothing under none', () => {
    expect(badgeCount(waiting('all'), NOW)).toBe(5);
    expect(badgeCount(waiting('mentions'), NOW)).toBe(2);
    expect(badgeCount(waiting('none'), NOW)).toBe(0);
  });

  it('counts nothing while muted, whatever the level', () => {
    expect(badgeCount(waiting('all', LATER), NOW)).toBe(0);
    expect(badgeCount(waiting('mentions', LATER), NOW)).toBe(0);
  });

  it('counts again by the level once the mute has ended', () => {
    expect(badgeCount(waiting('all', EARLIER), NOW)).toBe(5);
    expect(badgeCount(waiting('mentions', EARLIER), NOW)).toBe(2);
    expect(badgeCount(waiting('all', new Date(NOW).toISOString()), NOW)).toBe(5);
  });

  it('counts nothing where nothing is unread', () => {
    expect(badgeCount({ unread: 0, mentions: 0, notify: 'all', muted_until: null }, NOW)).toBe(0);
  });
});

describe('asksAttention', () => {
  it('asks for every entry under all, for mentions of you under mentions, for none under none', () => {
    expect([asksAttention('all', false), asksAttention('all', true)]).toEqual([true, true]);
    expect([asksAttention('mentions', false), asksAttention('mentions', true)]).toEqual([false, true]);
    expect([asksAttention('none', false), asksAttention('none', true)]).toEqual([false, false]);
  });
});

describe('effectiveNotifyLevel', () => {
  it('is none while muted and the chosen level otherwise', () => {
    expect(effectiveNotifyLevel('mentions', LATER, NOW)).toBe('none');
    expect(effectiveNotifyLevel('mentions', EARLIER, NOW)).toBe('mentions');
    expect(effectiveNotifyLevel('all', null, NOW)).toBe('all');
  });
});

describe('isInFuture', () => {
  it('reads ISO times with any offset, and treats null or unreadable text as not in the future', () => {
    expect(isInFuture('2026-12-02T13:30:00+01:00', NOW)).toBe(true);
    expect(isInFuture('2026-12-02T12:30:00+01:00', NOW)).toBe(false);
    expect(isInFuture(null, NOW)).toBe(false);
    expect(isInFuture('soon', NOW)).toBe(false);
  });
});
