export { permissionsOf, type PermissionSubject } from './access.ts';
export { menusFor, itemsFor, ALL_ITEMS, MENU_TREE, type MenuView } from './permissions.catalog.ts';
