export { createLedgerService, checkLedgerInvariant, InsufficientFundsError, type LedgerService, type PostRequest, type Answer } from './ledger.service.ts';
export { ACCOUNT_KINDS, accountKey, type AccountKind, type AccountRef } from './ledger.rules.ts';
