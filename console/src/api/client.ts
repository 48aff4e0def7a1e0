// The console's only door to the server: openapi-fetch typed by the API contract, with the
// headers every request needs (language, CSRF) and one error shape (ApiError).
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema.d.ts';
import { ApiError, toApiError } from './errors.ts';
import i18n, { currentLang } from '../i18n/index.ts';

export { ApiError };

const CSRF_COOKIE = 'huoban_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

const commonHeaders: Middleware = {
  onRequest({ request }) {
    // The server localizes error_msg (and any text it owns) from this header.
    request.headers.set('Accept-Language', currentLang());
    // Double-submit CSRF protection: the session cookie alone is not enough to change state.
    if (!SAFE_METHODS.has(request.method)) {
      const csrf = readCookie(CSRF_COOKIE);
      if (csrf) request.headers.set('X-CSRF-Token', csrf);
    }
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(commonHeaders);

type Result<D> = { data?: D; error?: unknown; response: Response };

/**
 * Awaits an openapi-fetch call and returns its data, or throws ApiError (also for network
 * failures, with status 0), so callers and TanStack Query see one kind of failure.
 */
export async function unwrap<D>(call: Promise<Result<D>>): Promise<D> {
  let result: Result<D>;
  try {
    result = await call;
  } catch {
    throw new ApiError(0, '', i18n.t('errors.network'));
  }
  if (!result.response.ok) {
    const status = result.response.status;
    throw toApiError(status, result.error, i18n.t('errors.unknown', { status }));
  }
  return result.data as D;
}
