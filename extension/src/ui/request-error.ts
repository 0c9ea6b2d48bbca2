import type { ErrorCode, UiError } from '@chatroom/shared';

/** A request the worker refused: `code` chooses the words shown (see error-text.ts), `field` the input at fault. */
export class RequestError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  constructor(error: UiError) {
    super(error.message);
    this.name = 'RequestError';
    this.code = error.code;
    this.field = error.field;
  }
}
