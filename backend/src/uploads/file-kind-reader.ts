import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';
import { FileKind, UNKNOWN_MIME } from './file-kind';

/**
 * The kind of a file from its first bytes: its type by the `file-type` library's magic numbers and,
 * for an image, its size by `image-size`. (Kept apart from file-kind.ts: `file-type` is an ES module,
 * which Node's require loads and Jest's does not.)
 */
export async function readFileKind(head: Uint8Array): Promise<FileKind> {
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
