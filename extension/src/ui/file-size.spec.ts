import { inLanguage } from '../../test/support/fake-i18n';
import { de } from '../locales/de';
import { formatBytes } from './file-size';

describe('formatBytes', () => {
  it('counts bytes below a kilobyte as bytes', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
  });

  it('shows one decimal below ten and none above, dropping a trailing .0', () => {
    expect(formatBytes(1024)).toBe('1 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MB');
    expect(formatBytes(10 * 1024 - 20)).toBe('10 KB');
    expect(formatBytes(123_456_789)).toBe('118 MB');
  });

  it('stops at the largest unit it knows', () => {
    expect(formatBytes(3 * 1024 ** 5)).toBe('3072 TB');
  });

  it('writes the number as the browser’s language does', () => {
    expect(inLanguage('de', de, () => formatBytes(1536))).toBe('1,5 KB');
    expect(inLanguage('de', de, () => formatBytes(123_456_789))).toBe('118 MB');
  });
});
