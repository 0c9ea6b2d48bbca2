import { avatarHue, initials } from './avatar';

describe('initials', () => {
  it('takes the first letter of a one-word name, and of the first two words of a longer one', () => {
    expect(initials('alice')).toBe('A');
    expect(initials('bob_smith')).toBe('BS');
    expect(initials('mary-jane.watson')).toBe('MJ');
    expect(initials('Weekend plans')).toBe('WP');
  });

  it('keeps a letter outside the Basic Multilingual Plane whole, and never gives nothing', () => {
    expect(initials('𝒜lice')).toBe('𝒜');
    expect(initials('élodie')).toBe('É');
    expect(initials('__')).toBe('_');
    expect(initials('')).toBe('?');
  });
});

describe('avatarHue', () => {
  it('is the same for a name in any case, and a hue', () => {
    expect(avatarHue('Bob')).toBe(avatarHue('bob'));
    for (const name of ['alice', 'bob', 'carol', 'dave', 'room_12']) {
      expect(avatarHue(name)).toBeGreaterThanOrEqual(0);
      expect(avatarHue(name)).toBeLessThan(360);
      expect(Number.isInteger(avatarHue(name))).toBe(true);
    }
  });

  it('tells people apart: different names mostly get different hues', () => {
    const names = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi'];
    expect(new Set(names.map(avatarHue)).size).toBeGreaterThanOrEqual(7);
  });
});
