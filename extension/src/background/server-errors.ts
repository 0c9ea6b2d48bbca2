import { ApiError, ErrorCode, isErrorCode, UiError } from '@chatroom/shared';

/*
 * How a request to the server fails, and what a view is told of it. Apart from the client, since the
 * views read upload and file answers themselves (ui/server-files.ts) and need these, not the client.
 */

/** The server answered with an error body: `code` says which, `message` says it in words. */
export class ServerError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ServerError';
  }
}

/** The server could not be reached at all (refused, reset, DNS, timeout). */
export class NetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkError';
  }
}

export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ServerError && error.code === ErrorCode.Unauthenticated;
}

/** A 5xx or 429 is worth retrying later, like an unreachable server; a 4xx is final. */
export function isTransient(error: unknown): boolean {
  return (
    error instanceof NetworkError ||
    (error instanceof ServerError && (error.status >= 500 || error.status === 429))
  );
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The error an answer that is not 2xx stands for, from its status and its body (the error shape, or anything else). */
export function errorFromAnswer(status: number, statusText: string, text: string): ServerError {
  const apiError = (text ? safeJson(text) : null) as Partial<ApiError> | null;
  return new ServerError(
    status,
    isErrorCode(apiError?.code) ? apiError.code : fallbackCode(status),
    apiError?.message ?? `The server answered ${status} ${statusText}.`,
    apiError?.field,
  );
}

/**
 * The code for an answer without a code this version knows (a proxy's error page, a newer server):
 * the one its status means, so that retries and sign-outs still follow the status.
 */
export function fallbackCode(status: number): ErrorCode {
  if (status === 401) return ErrorCode.Unauthenticated;
  if (status === 403) return ErrorCode.Forbidden;
  if (status === 404) return ErrorCode.NotFound;
  if (status === 413) return ErrorCode.PayloadTooLarge;
  if (status === 429) return ErrorCode.RateLimited;
  if (status >= 500) return ErrorCode.Unavailable;
  return ErrorCode.ValidationFailed;
}

/** What a view is told about a failed request. */
export function toUiError(error: unknown): UiError {
  if (error instanceof ServerError) return { code: error.code, message: error.message, field: error.field };
  if (error instanceof NetworkError) return { code: ErrorCode.Unavailable, message: error.message };
  return { code: ErrorCode.Internal, message: describeError(error) };
}

/** The JSON in a body, or null where it is none (a proxy's error page). */
export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
