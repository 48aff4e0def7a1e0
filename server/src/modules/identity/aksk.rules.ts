// Huawei's SDK-HMAC-SHA256 request signing, verified on the server side. The canonical form
// follows the signer of Huawei's SDKs: URI segments percent-encoded with a trailing slash,
// sorted query, the signed headers in lower case, and the SHA-256 of the exact body.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const ALGORITHM = 'SDK-HMAC-SHA256';
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

export interface ParsedAuthorization {
  access: string;
  signedHeaders: string[];
  signature: string;
}

export function parseAuthorization(header: string): ParsedAuthorization | null {
  const match = /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)$/i.exec(header.trim());
  if (!match) return null;
  return { access: match[1], signedHeaders: match[2].toLowerCase().split(';'), signature: match[3].toLowerCase() };
}

/** "20260601T020000Z" -> Date, or null. */
export function parseSdkDate(value: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return null;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Percent-encoding as Huawei's signer does: unreserved characters A-Z a-z 0-9 - _ . ~ are kept. */
export function encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalUri(path: string): string {
  const encoded = path
    .split('/')
    .map((segment) => encode(decodeURIComponent(segment)))
    .join('/');
  return encoded.endsWith('/') ? encoded : `${encoded}/`;
}

function canonicalQuery(search: URLSearchParams): string {
  const keys = [...new Set(search.keys())].sort();
  return keys
    .flatMap((key) => search.getAll(key).sort().map((value) => `${encode(key)}=${encode(value)}`))
    .join('&');
}

export interface SignedRequest {
  method: string;
  /** Path and query as received, e.g. /v2/partners/indirect-partners/query?x=1 */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function stringToSign(req: SignedRequest, signedHeaders: string[], sdkDate: string): string {
  const url = new URL(req.url, 'http://signed.local');
  const headerLines = signedHeaders
    .map((name) => {
      const value = req.headers[name];
      return `${name}:${Array.isArray(value) ? value.join(',') : (value ?? '')}\n`;
    })
    .join('');
  const canonicalRequest = [
    req.method.toUpperCase(),
    canonicalUri(url.pathname),
    canonicalQuery(url.searchParams),
    headerLines,
    signedHeaders.join(';'),
    createHash('sha256').update(req.body).digest('hex'),
  ].join('\n');
  return [ALGORITHM, sdkDate, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
}

export function signatureMatches(secret: string, toSign: string, signature: string): boolean {
  const expected = Buffer.from(createHmac('sha256', secret).update(toSign).digest('hex'));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
