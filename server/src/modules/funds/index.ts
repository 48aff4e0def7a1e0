import { createAccountService } from './funds.account.service.ts';
import { createTransferService, type FundsDeps } from './funds.transfers.service.ts';
import { createUnbindReturn } from './funds.unbind.ts';

/** The funds module: fund adjustments across tiers and the partner's own account. */
export function createFundsService(deps: FundsDeps) {
  return { ...createTransferService(deps), ...createAccountService(deps), returnBalanceOnUnbind: createUnbindReturn(deps) };
}
export type FundsService = ReturnType<typeof createFundsService>;
export { fundsRoutes } from './funds.routes.ts';
export { fundsExtensionRoutes } from './funds.extension.routes.ts';
