// When a resale association ends (disassociation, or a switch away from resale), what is left of
// the customer's balance goes back to the partner, in the transaction that ends the association
// (SOURCE_OPERATION_BEUNBIND in both parties' records).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import { formatAmount } from '../../shared/money.ts';
import { accountKey } from '../ledger/index.ts';
import type { FundsDeps } from './funds.transfers.service.ts';

export interface EndedAssociation {
  partnerOrgId: string;
  customerOrgId: string;
  /** The association type that ended: 2 = resale (代售). */
  fromType: 1 | 2;
  actor: Actor;
}

export function createUnbindReturn(deps: Pick<FundsDeps, 'ledger' | 'audit'>) {
  return async function returnBalanceOnUnbind(tx: Kysely<DB>, ended: EndedAssociation): Promise<void> {
    if (ended.fromType !== 2) return;
    const customer = { orgId: ended.customerOrgId, kind: 'customer_balance' as const };
    const partner = { orgId: ended.partnerOrgId, kind: 'partner_cash' as const };
    // Both accounts locked before reading: the amount is whatever is left at this instant.
    const balances = await deps.ledger.lockedBalances(tx, [customer, partner]);
    const left = balances.get(accountKey(customer)) ?? 0n;
    if (left <= 0n) return;
    const journal = await deps.ledger.post(tx, {
      kind: 'customer_unbind',
      orgId: ended.partnerOrgId,
      counterpartyOrgId: ended.customerOrgId,
      actor: ended.actor,
      idPrefix: 'UB',
      postings: [
        { account: customer, amount: -left },
        { account: partner, amount: left },
      ],
    });
    await deps.audit.append(tx, ended.actor, {
      operation: 'funds.customer_unbind',
      targetType: 'organization',
      targetId: ended.customerOrgId,
      detail: { amount: formatAmount(left), journal_id: journal.id, partner_id: ended.partnerOrgId },
    });
  };
}
