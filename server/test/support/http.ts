// A small real-HTTP client for tests: JSON in, status + JSON out, with optional console cookie
// (and its CSRF token) or IAM token.
export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent verbatim instead of JSON-encoding body. */
  raw?: string;
  rawBytes?: Buffer;
  headers?: Record<string, string>;
  query?: Record<string, string | number | undefined>;
}

export class HttpClient {
  constructor(
    readonly baseUrl: string,
    private readonly auth: Record<string, string> = {},
    private readonly csrf?: string,
  ) {}

  static async signIn(baseUrl: string, name: string, password: string): Promise<HttpClient> {
    const r = await new HttpClient(baseUrl).post('/api/session', { body: { name, password } });
    if (r.status !== 200) throw new Error(`sign-in of ${name} failed: ${r.status} ${JSON.stringify(r.body)}`);
    const cookies = r.headers.getSetCookie().map((c) => c.split(';')[0]);
    const csrf = cookies.find((c) => c.startsWith('huoban_csrf='))!.split('=')[1];
    return new HttpClient(baseUrl, { cookie: cookies.join('; ') }, csrf);
  }

  static async withToken(baseUrl: string, name: string, password: string): Promise<HttpClient> {
    const r = await new HttpClient(baseUrl).post('/v3/auth/tokens', {
      body: { auth: { identity: { methods: ['password'], password: { user: { name, password, domain: { name } } } } } },
    });
    if (r.status !== 201) throw new Error(`token for ${name} failed: ${r.status} ${JSON.stringify(r.body)}`);
    return new HttpClient(baseUrl, { 'x-auth-token': r.headers.get('x-subject-token')! });
  }

  /** The same identity without the CSRF header (to prove CSRF protection). */
  withoutCsrf(): HttpClient {
    return new HttpClient(this.baseUrl, this.auth);
  }

  async request<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<Reply<T>> {
    const url = new URL(path, this.baseUrl);
    for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { ...this.auth };
    if (this.csrf && !['GET', 'HEAD'].includes(method)) headers['x-csrf-token'] = this.csrf;
    let body: string | Buffer | undefined;
    if (options.rawBytes !== undefined) body = options.rawBytes;
    else if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    Object.assign(headers, options.headers);
    const response = await fetch(url, { method, headers, body: body as BodyInit | undefined });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  }

  get<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('GET', path, options);
  }
  post<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('POST', path, options);
  }
  put<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('PUT', path, options);
  }
  delete<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('DELETE', path, options);
  }
}
