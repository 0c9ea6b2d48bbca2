import { fileNameFrom } from './file-name';

describe('fileNameFrom', () => {
  it('decodes a percent-encoded name', () => {
    expect(fileNameFrom(encodeURIComponent('Été 2026 — plage.jpg'))).toBe('Été 2026 — plage.jpg');
    expect(fileNameFrom('report.pdf')).toBe('report.pdf');
  });

  it.each([
    [undefined, /Send the file's name/],
    ['', /Send the file's name/],
    [['a', 'b'], /once/],
    ['%E0%A4%A', /percent-encoded UTF-8/],
    ['%20%20', /empty/],
    ['..%2F..%2Fetc%2Fpasswd', /not a path/],
    ['..', /not a path/],
    ['a%5Cb', /not a path/],
    ['a%00b', /not a path/],
    ['line%0Abreak', /not a path/],
    ['%ED%A0%80', /percent-encoded UTF-8/],
    ['x'.repeat(256), /at most 255/],
  ])('refuses %j, naming the header', (header, message) => {
    expect(() => fileNameFrom(header)).toThrow(message);
    try {
      fileNameFrom(header);
    } catch (error) {
      expect((error as { getResponse(): unknown }).getResponse()).toMatchObject({ statusCode: 400, code: 'validation_failed', field: 'X-Filename' });
    }
  });
});
