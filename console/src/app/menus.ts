// Pure helpers over the server's navigation tree (Me.menus). The console never hard-codes menus:
// everything here derives from the data.
import type { Menu } from '../api/types.ts';
import type { Lang } from '../i18n/index.ts';

export function menuLabel(menu: Menu, lang: Lang): string {
  return lang === 'en' ? menu.name_en : menu.name_zh;
}

function normalize(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

/** Whether `pathname` is the menu's path or lies below it (segment-wise; "/" only matches itself). */
export function pathMatches(menuPath: string, pathname: string): boolean {
  const base = normalize(menuPath);
  const here = normalize(pathname);
  if (here === base) return true;
  return base !== '/' && here.startsWith(`${base}/`);
}

/** The chain of menus from the top bar down to the deepest one that contains `pathname`. */
export function findTrail(menus: Menu[], pathname: string): Menu[] {
  // Prefer the most specific (longest) match at each level.
  const candidates = menus
    .filter((m) => pathMatches(m.path, pathname))
    .sort((a, b) => normalize(b.path).length - normalize(a.path).length);
  for (const menu of candidates) {
    return [menu, ...findTrail(menu.children, pathname)];
  }
  return [];
}

/** The first page a section leads to: its first child, recursively. */
export function firstLeaf(menu: Menu): Menu {
  return menu.children.length > 0 ? firstLeaf(menu.children[0]) : menu;
}

/** The key the server uses for the home entry, when it sends one. */
export const HOME_KEY = 'home';

/** Where "Partner Center" in the account menu leads. */
export function homePath(menus: Menu[]): string {
  return menus.find((m) => m.key === HOME_KEY)?.path ?? '/';
}

export function isExactly(menu: Menu, pathname: string): boolean {
  return normalize(menu.path) === normalize(pathname);
}
