// Model types the console works with, derived from the generated OpenAPI types (schema.d.ts,
// from `npm run openapi`) so they cannot drift from the server.
import type { paths } from './schema.d.ts';

type JsonBody<T> = T extends { content: { 'application/json': infer B } } ? B : never;

type MeWire = JsonBody<paths['/api/me']['get']['responses'][200]>;

export type AccessKeyItem = JsonBody<paths['/api/access-keys']['get']['responses'][200]>['credentials'][number];
export type CreatedAccessKey = JsonBody<paths['/api/access-keys']['post']['responses'][201]>['credential'];

/**
 * A navigation entry. The tree is recursive; the OpenAPI document spells the recursion out only
 * three levels deep (and omits `children` at the third), so the console states it here.
 */
export interface Menu {
  key: string;
  path: string;
  name_zh: string;
  name_en: string;
  children: Menu[];
}

export type Me = Omit<MeWire, 'menus'> & { menus: Menu[] };
export type Org = Me['org'];
export type User = Me['user'];
