import { hashCode, newCode } from './secret-code';

describe('secret codes', () => {
  it('carry 160 random bits in groups of four base32 characters', () => {
    const code = newCode();
    expect(code).toMatch(/^([a-z2-7]{4}-){7}[a-z2-7]{4}$/);
    expect(new Set(Array.from({ length: 100 }, newCode)).size).toBe(100);
  });

  it('hash the same however they are typed', () => {
    const code = newCode();
    expect(hashCode(code.toUpperCase())).toBe(hashCode(code));
    expect(hashCode(code.replaceAll('-', ' '))).toBe(hashCode(code));
    expect(hashCode(code.replaceAll('-', ''))).toBe(hashCode(code));
    expect(hashCode(newCode())).not.toBe(hashCode(code));
  });
});
