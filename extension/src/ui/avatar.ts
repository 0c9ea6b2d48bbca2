/**
 * Initials avatars (issue #13): letters and a hue derived from the username alone, so that a user
 * looks the same in every list, view and browser. Usernames are unique ignoring case: so are these.
 */

/** Up to two letters: the first of each of the name's first two words (`bob_smith` -> `BS`), else its first. */
export function initials(name: string): string {
  const words = name.split(/[\s._-]+/u).filter(Boolean);
  const letters = words.length > 1 ? words.slice(0, 2).map(firstLetter) : [firstLetter(words[0] ?? name)];
  return letters.join('').toLocaleUpperCase() || '?';
}

function firstLetter(word: string): string {
  // Array.from: a letter outside the Basic Multilingual Plane is two UTF-16 units.
  return Array.from(word)[0] ?? '';
}

/** A hue (0-359) from the name's FNV-1a hash; styles.css picks lightness and chroma per colour scheme. */
export function avatarHue(name: string): number {
  let hash = 0x811c9dc5;
  for (const char of name.toLowerCase()) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % 360;
}
