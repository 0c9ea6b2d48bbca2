import { ErrorCode, UiError } from '@chatroom/shared';
import type { MessageKey, MessageValues } from '../locales/en';
import { t } from '../platform/i18n';
import { formatBytes } from './file-size';
import { RequestError } from './request-error';

/** A key whose text takes no value, and one whose text takes one: the server's own words. */
type PlainKey = { [K in MessageKey]: MessageValues<K> extends [] ? K : never }[MessageKey];
type QuotingKey = { [K in MessageKey]: MessageValues<K> extends [string] ? K : never }[MessageKey];

/**
 * What a person reads for each error code, in their language; a code added to ErrorCode without a
 * row here does not compile. `quoting` sentences are given the server's own (English) words, which
 * name the field, the person or the thing at fault: English shows them as they are, other languages
 * say what went wrong and quote them. A code this version does not know comes with the code its HTTP
 * status means (server-errors' fallbackCode): a 400 or 404 as one of these, so its words are the server's.
 */
const ERROR_TEXT: { readonly [Code in ErrorCode]: PlainKey | { quoting: QuotingKey } } = {
  [ErrorCode.ValidationFailed]: { quoting: 'errorValidationFailed' },
  // Every way a request can be unreadable to the server means the two sides disagree on the protocol.
  [ErrorCode.InvalidJson]: 'errorUnreadableRequest',
  [ErrorCode.PayloadTooLarge]: 'errorPayloadTooLarge',
  [ErrorCode.UnsupportedMediaType]: 'errorUnreadableRequest',
  [ErrorCode.MalformedRequest]: 'errorUnreadableRequest',
  [ErrorCode.HeadersTooLarge]: 'errorUnreadableRequest',
  [ErrorCode.RequestTimeout]: 'errorRequestTimeout',
  [ErrorCode.ExpectationFailed]: 'errorUnreadableRequest',
  [ErrorCode.Unauthenticated]: 'errorUnauthenticated',
  [ErrorCode.InvalidCredentials]: 'errorInvalidCredentials',
  [ErrorCode.Forbidden]: 'errorForbidden',
  [ErrorCode.NotFound]: { quoting: 'errorNotFound' },
  [ErrorCode.UsernameTaken]: 'errorUsernameTaken',
  [ErrorCode.AlreadyRoomMember]: { quoting: 'errorAlreadyRoomMember' },
  [ErrorCode.NotRoomMember]: 'errorNotRoomMember',
  [ErrorCode.NotRoomAdmin]: 'errorNotRoomAdmin',
  [ErrorCode.UnknownRecipient]: 'errorUnknownRecipient',
  [ErrorCode.UnknownUsers]: { quoting: 'errorUnknownUsers' },
  [ErrorCode.EditWindowExpired]: 'errorEditWindowExpired',
  [ErrorCode.MessageDeleted]: 'errorMessageDeleted',
  [ErrorCode.RegistrationClosed]: 'errorRegistrationClosed',
  [ErrorCode.InviteRequired]: 'errorInviteRequired',
  [ErrorCode.InviteInvalid]: 'errorInviteInvalid',
  [ErrorCode.WrongPassword]: 'errorWrongPassword',
  [ErrorCode.AccountSuspended]: 'errorAccountSuspended',
  [ErrorCode.RateLimited]: 'errorRateLimited',
  [ErrorCode.Unavailable]: 'errorUnavailable',
  [ErrorCode.Internal]: 'errorInternal',
};

/** The sentence to show for a failed request. */
export function errorText(error: Pick<UiError, 'code' | 'message'>): string {
  const wording = ERROR_TEXT[error.code];
  return typeof wording === 'string' ? t(wording) : t(wording.quoting, error.message);
}

/** The sentence for anything a request to the worker threw. */
export function failureText(failure: unknown): string {
  if (failure instanceof RequestError) return errorText(failure);
  return failure instanceof Error ? failure.message : String(failure);
}

/** The sentence for a failed sign-in with a reset code: there the credential that failed is the code. */
export function resetCodeFailureText(failure: unknown): string {
  if (failure instanceof RequestError && failure.code === ErrorCode.InvalidCredentials) return t('errorResetCode');
  return failureText(failure);
}

/**
 * Why a file was not attached. A 413 (`payload_too_large`) means the file is over the server's
 * MAX_UPLOAD_BYTES or over what is left of the user's quota: `maxBytes` (GET /server-info) tells
 * which, when the server says.
 */
export function uploadFailureText(failure: unknown, file: { name: string; size: number }, maxBytes?: number): string {
  if (failure instanceof RequestError && failure.code === ErrorCode.PayloadTooLarge) return tooLargeText(file, maxBytes);
  return t('errorNotAttached', file.name, failureText(failure));
}

/** A file the server does not take: its limit, or the user's space for files, in words. */
export function tooLargeText({ name, size }: { name: string; size: number }, maxBytes?: number): string {
  if (maxBytes === undefined) return t('errorFileTooLargeOrFull', name);
  if (size > maxBytes) return t('errorFileTooLarge', name, formatBytes(size), formatBytes(maxBytes));
  return t('errorQuotaFull', name);
}
