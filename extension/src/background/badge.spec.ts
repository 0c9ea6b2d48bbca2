import type { NotifyLevel } from '@chatroom/shared';
import { BADGE_GREY, BADGE_RED, badgeLook, badgeText, IDLE_TITLE } from './badge';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const entry = (name: string, unread: number, mentions = 0, notify: NotifyLevel = 'all', muted_until: string | null = null) => ({
  name,
  unread,
  mentions,
  notify,
  muted_until,
});

describe('badgeText', () => {
  it.each([
    [0, ''],
    [1, '1'],
    [99, '99'],
    [100, '99+'],
    [5000, '99+'],
  ])('shows %i unread as %p', (total, text) => {
    expect(badgeText(total)).toBe(text);
  });
});

describe('badgeLook', () => {
  it('is red with the number and says who in the tooltip', () => {
    expect(badgeLook([entry('bob', 1), entry('Weekend', 2)], NOW)).toEqual({
      text: '3',
      color: BADGE_RED,
      title: '3 unread — bob (1), Weekend (2)',
    });
  });

  it('counts only mentions under `mentions`, nothing under `none` or while muted', () => {
    const look = badgeLook(
      [entry('bob', 4, 1, 'mentions'), entry('Noisy', 9, 2, 'none'), entry('Muted', 5, 1, 'all', '2026-12-07T13:00:00Z')],
      NOW,
    );
    expect(look).toEqual({ text: '1', color: BADGE_RED, title: '1 unread — bob (1)' });
  });

  it('counts again once a mute has ended', () => {
    expect(badgeLook([entry('Weekend', 2, 0, 'all', '2026-12-07T11:00:00Z')], NOW).text).toBe('2');
  });

  it('is empty (and grey) with the plain title when nothing asks: plain messages under `mentions`, `none`, muted', () => {
    expect(badgeLook([entry('Weekend', 3, 0, 'mentions'), entry('Noisy', 9, 3, 'none'), entry('bob', 0)], NOW)).toEqual({
      text: '',
      color: BADGE_GREY,
      title: IDLE_TITLE,
    });
  });

  it('names five conversations and says how many more', () => {
    const look = badgeLook(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((name) => entry(name, 1)), NOW);
    expect(look.title).toBe('7 unread — a (1), b (1), c (1), d (1), e (1) and 2 more');
  });
});
