import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
/** 160 random bits: 32 characters of base32, which has no look-alike characters to mistype. */
const CODE_BYTES = 20;

/**
 * A new secret code (invites, password resets) in groups of four, as a person reads it out or types
 * it: `k3mq-7xwa-…`. Only its hash (hashCode) is stored.
 */
export function newCode(): string {
  const bytes = randomBytes(CODE_BYTES);
  let bits = 0;
  let value = 0;
  let text = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      text += ALPHABET.charAt((value >>> (bits - 5)) & 31);
      bits -= 5;
    }
  }
  return text.match(/.{1,4}/g)?.join('-') ?? text;
}

/** The hash a code is stored and looked up by: the same for any case, dashes or spaces it is typed with. */
export function hashCode(code: string): string {
  return createHash('sha256').update(code.toLowerCase().replace(/[\s-]/g, '')).digest('base64url');
}
