/** Machine-readable error codes; clients switch on these, and show `message` to people. */
export enum ErrorCode {
  ValidationFailed = 'validation_failed',
  InvalidJson = 'invalid_json',
  PayloadTooLarge = 'payload_too_large',
  Unauthenticated = 'unauthenticated',
  InvalidCredentials = 'invalid_credentials',
  Forbidden = 'forbidden',
  NotFound = 'not_found',
  UsernameTaken = 'username_taken',
  NotRoomMember = 'not_room_member',
  NotRoomAdmin = 'not_room_admin',
  UnknownRecipient = 'unknown_recipient',
  UnknownUsers = 'unknown_users',
  RateLimited = 'rate_limited',
  Unavailable = 'unavailable',
  Internal = 'internal_error',
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
