// The mail module: what other modules and the composition root may use.
export { createMailService, enqueueMail, type MailService } from './mail.service.ts';
export { mailRoutes } from './mail.routes.ts';
export { MAIL_MAX_ATTEMPTS, mailBackoffMs } from './mail.rules.ts';
