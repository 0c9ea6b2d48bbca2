import { ErrorCode, LIMITS } from '@chatroom/shared';
import { ApiException } from '../common/api-exception';

export const FILE_NAME_HEADER = 'X-Filename';

const CONTROL_OR_SEPARATOR = /[\p{Cc}/\\]/u;
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The file name an upload is sent with (`X-Filename`, percent-encoded UTF-8): a name only, never a
 * path, since clients save downloads under it. Files are stored under their random id, so the name
 * never reaches a path on the server; it is refused rather than cleaned so that the uploader sees
 * the name others will see.
 */
export function fileNameFrom(header: string | string[] | undefined): string {
  if (header === undefined || header === '') throw invalid(`Send the file's name in ${FILE_NAME_HEADER}, percent-encoded.`);
  if (Array.isArray(header)) throw invalid(`Send ${FILE_NAME_HEADER} once.`);
  let name: string;
  try {
    name = decodeURIComponent(header);
  } catch {
    throw invalid(`${FILE_NAME_HEADER} must be percent-encoded UTF-8 (as encodeURIComponent writes it).`);
  }
  if (name.trim() === '') throw invalid(`${FILE_NAME_HEADER} must not be empty or only whitespace.`);
  if (name.length > LIMITS.fileNameMax) throw invalid(`${FILE_NAME_HEADER} must be at most ${LIMITS.fileNameMax} characters once decoded.`);
  if (name === '.' || name === '..' || CONTROL_OR_SEPARATOR.test(name)) {
    throw invalid(`${FILE_NAME_HEADER} must be a file name, not a path: no / or \\, no control characters, not . or ..`);
  }
  if (UNPAIRED_SURROGATE.test(name)) throw invalid(`${FILE_NAME_HEADER} must be valid Unicode text (it contains an unpaired surrogate).`);
  return name;
}

function invalid(message: string): ApiException {
  return new ApiException(ErrorCode.ValidationFailed, message, FILE_NAME_HEADER);
}
