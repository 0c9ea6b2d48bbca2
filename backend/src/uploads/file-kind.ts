import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';

/** What a file is, read from its first bytes: the client's Content-Type and file name are never trusted. */
export interface FileKind {
  mime: string;
  width?: number;
  height?: number;
}

/** The type of a file whose first bytes show nothing known. */
export const UNKNOWN_MIME = 'application/octet-stream';

/**
 * Enough of the start of a file to tell its type and, for an image, its size: a JPEG's size comes
 * after its metadata segments (EXIF, colour profiles), which can fill many kilobytes.
 */
export const HEAD_BYTES = 512 * 1024;

/** The kind of a file from its first bytes (`head`: up to HEAD_BYTES of them). */
export async function fileKindOf(head: Uint8Array): Promise<FileKind> {
  const mime = (await fileTypeFromBuffer(head))?.mime ?? UNKNOWN_MIME;
  if (!mime.startsWith('image/')) return { mime };
  try {
    const { width, height } = imageSize(head);
    return width > 0 && height > 0 ? { mime, width, height } : { mime };
  } catch {
    // Its size lies past the bytes read, or the header is damaged: an image of unknown size.
    return { mime };
  }
}
