import { canonicalIn, newSpellings } from './spellings';

describe('spellings', () => {
  const spellings = { bob: 'Bob', carol: 'carol' };

  it('gives the server spelling of a name typed in any case', () => {
    expect(canonicalIn(spellings, 'BOB')).toBe('Bob');
    expect(canonicalIn(spellings, 'bob')).toBe('Bob');
    expect(canonicalIn(spellings, 'Carol')).toBe('carol');
  });

  it('leaves a name the server never mentioned as typed, and spells room ids room_N', () => {
    expect(canonicalIn(spellings, 'Dave')).toBe('Dave');
    expect(canonicalIn(spellings, 'ROOM_7')).toBe('room_7');
  });

  it('learns only what is new or spelled otherwise, never room ids', () => {
    expect(newSpellings(spellings, ['Bob', 'carol', 'room_3'])).toBeNull();
    expect(newSpellings(spellings, ['BOB', 'Dave'])).toEqual({ bob: 'BOB', dave: 'Dave' });
  });
});
