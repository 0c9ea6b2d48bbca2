import type { Attachment } from '@chatroom/shared';
import contentDisposition from 'content-disposition';
import type { IncomingHttpHeaders } from 'node:http';
import parseRange from 'range-parser';

/** The only types a browser is let show in place (Content-Disposition: inline): never SVG or HTML. */
const INLINE_IMAGES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** How a download is answered: the status, its headers, and which bytes (inclusive) of the file follow. */
export interface FileAnswer {
  status: 200 | 206 | 304;
  headers: Record<string, string>;
  /** Absent for 304 and for an empty file. */
  bytes?: { start: number; end: number };
}

/**
 * The answer to a GET of a stored file, from the request's conditional and Range headers.
 * A file never changes once stored, so its id is its ETag. The file is shown in place only when it
 * is one of the images browsers render safely, else downloaded; `sandbox` keeps anything opened
 * from it from running script or reaching the server's origin, and `nosniff` (among helmet's
 * headers on every answer) keeps browsers from guessing another type.
 *
 * A Range the file cannot satisfy, or one of several ranges, is answered with the whole file,
 * as RFC 9110 allows: a client asking past the end learns the size from it.
 */
export function fileAnswer(file: Attachment, request: IncomingHttpHeaders): FileAnswer {
  const etag = `"${file.id}"`;
  const headers: Record<string, string> = {
    'Content-Type': file.mime,
    // Headers stay ASCII: the name in UTF-8 goes in filename*, with `?` for the rest in filename.
    'Content-Disposition': contentDisposition(file.name, {
      type: INLINE_IMAGES.has(file.mime) ? 'inline' : 'attachment',
      fallback: file.name.replace(/[^\x20-\x7e]/g, '?'),
    }),
    'Content-Security-Policy': 'sandbox',
    'Cache-Control': 'private, no-cache',
    'Accept-Ranges': 'bytes',
    'Access-Control-Expose-Headers': 'Content-Disposition, Content-Range, ETag',
    ETag: etag,
  };
  if (matchesAny(request['if-none-match'], etag)) return { status: 304, headers };
  const whole: FileAnswer = {
    status: 200,
    headers: { ...headers, 'Content-Length': String(file.size) },
    ...(file.size > 0 ? { bytes: { start: 0, end: file.size - 1 } } : {}),
  };
  const range = request.range;
  if (range === undefined || file.size === 0) return whole;
  const ifRange = request['if-range'];
  if (ifRange !== undefined && ifRange !== etag) return whole;
  const ranges = parseRange(file.size, range, { combine: true });
  if (!Array.isArray(ranges) || ranges.type !== 'bytes' || ranges.length !== 1 || !ranges[0]) return whole;
  const { start, end } = ranges[0];
  return {
    status: 206,
    headers: { ...headers, 'Content-Length': String(end - start + 1), 'Content-Range': `bytes ${start}-${end}/${file.size}` },
    bytes: { start, end },
  };
}

/** Whether an If-None-Match list names `etag` (or is `*`); weak tags compare by their value. */
function matchesAny(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}
