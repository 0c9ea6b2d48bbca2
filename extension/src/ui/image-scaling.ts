/** Images with a longer side are scaled down before upload (issue #11), unless the user sends the original. */
export const MAX_IMAGE_SIDE = 2048;

/**
 * The types a browser both decodes and encodes again, so that a re-encoded copy keeps its type.
 * GIF is left out: a canvas keeps only its first frame.
 */
const REENCODED = new Set(['image/jpeg', 'image/png', 'image/webp']);

/**
 * Whether a file is drawn on a canvas and encoded again before upload. Every such image is, not
 * only a large one: the copy carries none of the original's metadata (EXIF, the place it was taken).
 */
export function reencodes(mime: string, sendOriginal: boolean): boolean {
  return !sendOriginal && REENCODED.has(mime);
}

/** The size an image is drawn at: within `max` on its longer side, proportions kept, never enlarged. */
export function fittedSize(width: number, height: number, max = MAX_IMAGE_SIDE): { width: number; height: number } {
  const longer = Math.max(width, height);
  if (longer <= max) return { width, height };
  const scale = max / longer;
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** The file name for a copy encoded as `mime` (a browser that cannot write WebP gives PNG): its extension follows. */
export function nameFor(name: string, mime: string): string {
  const extension = EXTENSIONS[mime];
  if (!extension) return name;
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const current = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (current === extension || (extension === 'jpg' && current === 'jpeg')) return name;
  return `${stem}.${extension}`;
}

/**
 * The file to upload: for a JPEG, PNG or WebP (and not `sendOriginal`), a copy drawn on a canvas,
 * at most MAX_IMAGE_SIDE on its longer side and turned the way its EXIF says, without metadata.
 * A file the browser cannot decode goes as it is (the server reads its type from its bytes anyway).
 */
export async function prepareForUpload(file: File, sendOriginal: boolean): Promise<File> {
  if (!reencodes(file.type, sendOriginal)) return file;
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' }).catch(() => null);
  if (!bitmap) return file;
  try {
    const size = fittedSize(bitmap.width, bitmap.height);
    const canvas = new OffscreenCanvas(size.width, size.height);
    const context = canvas.getContext('2d');
    if (!context) return file;
    context.drawImage(bitmap, 0, 0, size.width, size.height);
    const blob = await canvas.convertToBlob({ type: file.type, quality: 0.9 });
    return new File([blob], nameFor(file.name, blob.type), { type: blob.type });
  } finally {
    bitmap.close();
  }
}
