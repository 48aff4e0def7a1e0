import type { Lang } from './errors.ts';

/** Huawei's X-Language (zh_CN | en_US) wins; then Accept-Language; English by default for APIs. */
export function langOf(headers: Record<string, string | string[] | undefined>): Lang {
  const pick = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.toLowerCase();
  const x = pick(headers['x-language']);
  if (x) return x.startsWith('zh') ? 'zh' : 'en';
  const accept = pick(headers['accept-language']);
  return accept?.startsWith('zh') ? 'zh' : 'en';
}
