export { permissionsOf, type PermissionSubject } from './access.ts';
export {
  menusFor,
  itemsFor,
  catalogFor,
  ALL_ITEMS,
  MENU_TREE,
  ORG_ACCESS,
  type MenuView,
} from './permissions.catalog.ts';
export { checkPasswordPolicy, MAX_ROLES_PER_MEMBER } from './organization.rules.ts';
export { SYSTEM_ROLES, systemRolesFor } from './system-roles.ts';
export { createOrganizationService, type OrganizationService } from './organization.service.ts';
export { createSecondFactor, type SecondFactor, VERIFICATION_CODE_HEADER, verificationCodeOf } from './second-factor.ts';
export { organizationRoutes } from './organization.routes.ts';
