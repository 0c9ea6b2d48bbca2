/** Machine-readable error codes; clients switch on these, and show `message` to people. */
export enum ErrorCode {
  ValidationFailed = 'validation_failed',
  InvalidJson = 'invalid_json',
  PayloadTooLarge = 'payload_too_large',
  UnsupportedMediaType = 'unsupported_media_type',
  Unauthenticated = 'unauthenticated',
  InvalidCredentials = 'invalid_credentials',
  Forbidden = 'forbidden',
  NotFound = 'not_found',
  UsernameTaken = 'username_taken',
  AlreadyRoomMember = 'already_room_member',
  NotRoomMember = 'not_room_member',
  NotRoomAdmin = 'not_room_admin',
  UnknownRecipient = 'unknown_recipient',
  UnknownUsers = 'unknown_users',
  /** PATCH of a message older than MESSAGE_EDIT_WINDOW_SECONDS (or with editing off). */
  EditWindowExpired = 'edit_window_expired',
  /** The message was deleted: it can no longer be edited, deleted again or have its revisions read. */
  MessageDeleted = 'message_deleted',
  RateLimited = 'rate_limited',
  /** REGISTRATION=closed: accounts come from the server's admin only. */
  RegistrationClosed = 'registration_closed',
  /** REGISTRATION=invite and no `invite` was sent. */
  InviteRequired = 'invite_required',
  /** The invite code is unknown, expired or used up. */
  InviteInvalid = 'invite_invalid',
  /** The password sent to confirm a change of the account (current_password, password) is wrong. */
  WrongPassword = 'wrong_password',
  /** The password was right, but the server's admin suspended the account. */
  AccountSuspended = 'account_suspended',
  /** The request is not valid HTTP: rejected by the server's HTTP parser before any route. */
  MalformedRequest = 'malformed_request',
  HeadersTooLarge = 'headers_too_large',
  RequestTimeout = 'request_timeout',
  ExpectationFailed = 'expectation_failed',
  Unavailable = 'unavailable',
  Internal = 'internal_error',
}

/**
 * The HTTP status of every code, in one place: a code added above without a row here fails to
 * compile, and no throw site chooses a status of its own.
 */
export const ERROR_STATUS: { readonly [Code in ErrorCode]: number } = {
  [ErrorCode.ValidationFailed]: 400,
  [ErrorCode.InvalidJson]: 400,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.UnsupportedMediaType]: 415,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.InvalidCredentials]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.UsernameTaken]: 409,
  [ErrorCode.AlreadyRoomMember]: 409,
  [ErrorCode.NotRoomMember]: 403,
  [ErrorCode.NotRoomAdmin]: 403,
  [ErrorCode.UnknownRecipient]: 404,
  [ErrorCode.UnknownUsers]: 404,
  [ErrorCode.EditWindowExpired]: 403,
  [ErrorCode.MessageDeleted]: 410,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.RegistrationClosed]: 403,
  [ErrorCode.InviteRequired]: 403,
  [ErrorCode.InviteInvalid]: 403,
  [ErrorCode.WrongPassword]: 403,
  [ErrorCode.AccountSuspended]: 403,
  [ErrorCode.MalformedRequest]: 400,
  [ErrorCode.HeadersTooLarge]: 431,
  [ErrorCode.RequestTimeout]: 408,
  [ErrorCode.ExpectationFailed]: 417,
  [ErrorCode.Unavailable]: 503,
  [ErrorCode.Internal]: 500,
};

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));

/** Whether a string received from a server is one of the codes above (older or newer servers may differ). */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && KNOWN_CODES.has(code);
}

/** The body of every 4xx/5xx answer. */
export interface ApiError {
  statusCode: number;
  code: ErrorCode;
  /** A sentence a person can act on. */
  message: string;
  /** The request field at fault, when one is (`message`, `last_id`, `participants`...). */
  field?: string;
  /** Every problem found, when there were several. */
  details?: { field: string; message: string }[];
}
