export { createAuditService, type AuditService, type AuditEntry } from './audit.service.ts';
