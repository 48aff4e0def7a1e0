export { createIdentityService, type IdentityService, MAX_ACCESS_KEYS_PER_USER } from './identity.service.ts';
export { MAX_CLOCK_SKEW_MS, parseAuthorization, parseSdkDate, signatureMatches, stringToSign } from './aksk.rules.ts';
export { createSecretBox, type SecretBox } from './secret-box.ts';
export { hashPassword } from './passwords.ts';
export { identityRoutes } from './identity.routes.ts';
export { iamRoutes } from './iam.routes.ts';
export { createCustomerAccount, type NewCustomerAccount } from './accounts.ts';
