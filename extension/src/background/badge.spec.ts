import { badgeText } from './badge';

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
