import type { Attachment } from '@chatroom/shared';
import { fileAnswer } from './file-answer';

const png: Attachment = { id: 'abcdefghijklmnopqrstuv', name: 'cat picture.png', size: 1000, mime: 'image/png', width: 10, height: 10 };
const pdf: Attachment = { id: 'ABCDEFGHIJKLMNOPQRSTUV', name: '报告.pdf', size: 20, mime: 'application/pdf' };

describe('fileAnswer', () => {
  it('shows the safe image types in place and has every other file downloaded, sandboxed either way', () => {
    const image = fileAnswer(png, {});
    expect(image).toEqual({ status: 200, headers: expect.objectContaining({ 'Content-Type': 'image/png', 'Content-Length': '1000' }), bytes: { start: 0, end: 999 } });
    expect(image.headers['Content-Disposition']).toBe('inline; filename="cat picture.png"');
    expect(image.headers['Content-Security-Policy']).toBe('sandbox');
    for (const mime of ['image/svg+xml', 'text/html', 'application/pdf', 'application/octet-stream', 'image/bmp']) {
      expect(fileAnswer({ ...pdf, mime }, {}).headers['Content-Disposition']).toMatch(/^attachment; /);
    }
    expect(fileAnswer({ ...png, name: 'été.png' }, {}).headers['Content-Disposition']).toBe(`inline; filename="?t?.png"; filename*=UTF-8''%C3%A9t%C3%A9.png`);
    expect(fileAnswer(pdf, {}).headers['Content-Disposition']).toBe(`attachment; filename="??.pdf"; filename*=UTF-8''%E6%8A%A5%E5%91%8A.pdf`);
  });

  it('answers a byte range with 206 and Content-Range, and the whole file when the range cannot be served', () => {
    expect(fileAnswer(png, { range: 'bytes=100-199' })).toMatchObject({
      status: 206,
      headers: { 'Content-Length': '100', 'Content-Range': 'bytes 100-199/1000' },
      bytes: { start: 100, end: 199 },
    });
    expect(fileAnswer(png, { range: 'bytes=-10' })).toMatchObject({ status: 206, bytes: { start: 990, end: 999 } });
    expect(fileAnswer(png, { range: 'bytes=900-5000' })).toMatchObject({ status: 206, bytes: { start: 900, end: 999 } });
    for (const range of ['bytes=1000-', 'bytes=0-1,5-6', 'lines=1-2', 'garbage']) {
      expect(fileAnswer(png, { range })).toMatchObject({ status: 200, bytes: { start: 0, end: 999 } });
    }
  });

  it('honours If-Range only with the file ETag, and If-None-Match with 304', () => {
    expect(fileAnswer(png, { range: 'bytes=0-9', 'if-range': `"${png.id}"` }).status).toBe(206);
    expect(fileAnswer(png, { range: 'bytes=0-9', 'if-range': '"other"' }).status).toBe(200);
    expect(fileAnswer(png, { 'if-none-match': `"x", W/"${png.id}"` })).toEqual({ status: 304, headers: expect.objectContaining({ ETag: `"${png.id}"` }) });
    expect(fileAnswer(png, { 'if-none-match': '"x"' }).status).toBe(200);
  });

  it('sends an empty file with no bytes to read', () => {
    expect(fileAnswer({ ...pdf, size: 0 }, { range: 'bytes=0-5' })).toEqual({ status: 200, headers: expect.objectContaining({ 'Content-Length': '0' }) });
  });
});
