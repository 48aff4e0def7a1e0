export { createAuditService, type AuditService, type AuditEntry } from './audit.service.ts';
export { createAuditQueries, type AuditQueries } from './audit.queries.ts';
export { auditRoutes } from './audit.routes.ts';
