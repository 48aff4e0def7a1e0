// One error type for everything the API can answer with, so the UI shows errors one way.
export class ApiError extends Error {
  /** HTTP status; 0 when the request never reached the server. */
  readonly status: number;
  /** Server error code such as "CBC.0100"; empty when the server sent none. */
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }

  /** Not signed in (or the session expired). */
  get isUnauthenticated(): boolean {
    return this.status === 401;
  }
}

function isErrorBody(value: unknown): value is { error_code: string; error_msg: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>).error_code === 'string' &&
    typeof (value as Record<string, unknown>).error_msg === 'string'
  );
}

/** Turns a failed response's body into an ApiError; `fallback` is a localized generic text. */
export function toApiError(status: number, body: unknown, fallback: string): ApiError {
  if (isErrorBody(body)) return new ApiError(status, body.error_code, body.error_msg || fallback);
  return new ApiError(status, '', fallback);
}
