import { ErrorCode, UiError } from '@chatroom/shared';
import { formatBytes } from './file-size';
import { RequestError } from './request-error';

/** Where the table says so, the server's own words are shown: they name the field or the people at fault. */
const SERVER_WORDS = Symbol('the server message');

/** Every way a request can be unreadable to the server means the two sides disagree on the protocol. */
const UNREADABLE_REQUEST = 'The server could not read what the extension sent. Update the extension or the server.';

/** What a person reads for each error code; a code added to ErrorCode without a row here does not compile. */
const ERROR_TEXT: { readonly [Code in ErrorCode]: string | typeof SERVER_WORDS } = {
  [ErrorCode.ValidationFailed]: SERVER_WORDS,
  [ErrorCode.InvalidJson]: UNREADABLE_REQUEST,
  [ErrorCode.PayloadTooLarge]: 'That is more than the server takes at once. Make it shorter.',
  [ErrorCode.UnsupportedMediaType]: UNREADABLE_REQUEST,
  [ErrorCode.MalformedRequest]: UNREADABLE_REQUEST,
  [ErrorCode.HeadersTooLarge]: UNREADABLE_REQUEST,
  [ErrorCode.RequestTimeout]: 'The connection to the server is too slow. Try again.',
  [ErrorCode.ExpectationFailed]: UNREADABLE_REQUEST,
  [ErrorCode.Unauthenticated]: 'Your session has ended. Log in again.',
  [ErrorCode.InvalidCredentials]: 'Wrong username or password.',
  [ErrorCode.Forbidden]: 'You are not allowed to do that.',
  [ErrorCode.NotFound]: SERVER_WORDS,
  [ErrorCode.UsernameTaken]: 'That username is taken. Pick another one.',
  [ErrorCode.AlreadyRoomMember]: SERVER_WORDS,
  [ErrorCode.NotRoomMember]: 'You are not a member of this group.',
  [ErrorCode.NotRoomAdmin]: "Only the group's admin can do that.",
  [ErrorCode.UnknownRecipient]: 'Nobody by that name uses this server. Check the spelling.',
  [ErrorCode.UnknownUsers]: SERVER_WORDS,
  [ErrorCode.EditWindowExpired]: 'It is too late to edit that message.',
  [ErrorCode.MessageDeleted]: 'That message was deleted.',
  [ErrorCode.RegistrationClosed]: SERVER_WORDS,
  [ErrorCode.InviteRequired]: SERVER_WORDS,
  [ErrorCode.InviteInvalid]: SERVER_WORDS,
  [ErrorCode.WrongPassword]: SERVER_WORDS,
  [ErrorCode.AccountSuspended]: SERVER_WORDS,
  [ErrorCode.RateLimited]: 'Too many tries in a short time. Wait a minute, then try again.',
  [ErrorCode.Unavailable]: 'Cannot reach the server. Check the connection; ChatRoom keeps trying.',
  [ErrorCode.Internal]: 'Something went wrong on the server. Try again later.',
};

/** The sentence to show for a failed request. */
export function errorText(error: Pick<UiError, 'code' | 'message'>): string {
  const text = ERROR_TEXT[error.code];
  return text === SERVER_WORDS ? error.message : text;
}

/** The sentence for anything a request to the worker threw. */
export function failureText(failure: unknown): string {
  if (failure instanceof RequestError) return errorText(failure);
  return failure instanceof Error ? failure.message : String(failure);
}

/** The sentence for a failed sign-in with a reset code: there the credential that failed is the code. */
export function resetCodeFailureText(failure: unknown): string {
  if (failure instanceof RequestError && failure.code === ErrorCode.InvalidCredentials) {
    return 'Wrong username or reset code, or the code was used or expired. Ask the admin for a new one.';
  }
  return failureText(failure);
}

/**
 * Why a file was not attached. A 413 (`payload_too_large`) means the file is over the server's
 * MAX_UPLOAD_BYTES or over what is left of the user's quota: `maxBytes` (GET /server-info) tells
 * which, when the server says.
 */
export function uploadFailureText(failure: unknown, file: { name: string; size: number }, maxBytes?: number): string {
  if (failure instanceof RequestError && failure.code === ErrorCode.PayloadTooLarge) return tooLargeText(file, maxBytes);
  return `“${file.name}” was not attached. ${failureText(failure)}`;
}

/** A file the server does not take: its limit, or the user's space for files, in words. */
export function tooLargeText({ name, size }: { name: string; size: number }, maxBytes?: number): string {
  if (maxBytes === undefined) return `“${name}” is too large for this server, or your space for files there is full.`;
  if (size > maxBytes) return `“${name}” is too large (${formatBytes(size)}): this server takes files up to ${formatBytes(maxBytes)}.`;
  return `“${name}” does not fit in your space for files on this server. Delete messages with files to make room.`;
}
