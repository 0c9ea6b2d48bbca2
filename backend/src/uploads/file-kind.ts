/** What a file is, read from its first bytes: the client's Content-Type and file name are never trusted. */
export interface FileKind {
  mime: string;
  width?: number;
  height?: number;
}

/** Tells a file's kind from its first bytes (up to HEAD_BYTES of them). */
export type FileKindReader = (head: Uint8Array) => Promise<FileKind>;

export const FILE_KIND_READER = Symbol('FILE_KIND_READER');

/** The type of a file whose first bytes show nothing known. */
export const UNKNOWN_MIME = 'application/octet-stream';

/**
 * Enough of the start of a file to tell its type and, for an image, its size: a JPEG's size comes
 * after its metadata segments (EXIF, colour profiles), which can fill many kilobytes.
 */
export const HEAD_BYTES = 512 * 1024;
