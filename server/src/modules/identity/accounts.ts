// Creating a customer account (organization + main account) for other modules: customers who
// register through an invitation, and customers a partner creates by API.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { newId } from '../../shared/ids.ts';

export interface NewCustomerAccount {
  accountName: string;
  displayName: string;
  passwordHash: string;
  mobile: string | null;
  email: string | null;
  /** -1 none, 0 individual, 1 enterprise (Huawei's customer_type). */
  customerType: number;
  /** The product clock's time (so that age rules hold under a test clock). */
  createdAt: Date;
}

/** Inserts the customer organization and its main account; false when the name is taken. */
export async function createCustomerAccount(tx: Kysely<DB>, input: NewCustomerAccount): Promise<{ orgId: string; userId: string } | null> {
  const taken = await tx
    .selectFrom('app_user')
    .select('id')
    .where('name', '=', input.accountName)
    .unionAll(tx.selectFrom('organization').select('id').where('domain_name', '=', input.accountName))
    .executeTakeFirst();
  if (taken) return null;
  const orgId = newId();
  const userId = newId();
  await tx
    .insertInto('organization')
    .values({
      id: orgId,
      kind: 'customer',
      partner_type: null,
      parent_partner_id: null,
      name: input.displayName,
      domain_name: input.accountName,
      mobile: input.mobile,
      email: input.email,
      customer_type: input.customerType,
      created_at: input.createdAt,
    })
    .execute();
  await tx
    .insertInto('app_user')
    .values({
      id: userId,
      org_id: orgId,
      name: input.accountName,
      display_name: input.displayName,
      mobile: input.mobile,
      email: input.email,
      is_main: true,
      password_hash: input.passwordHash,
      created_at: input.createdAt,
      updated_at: input.createdAt,
    })
    .execute();
  return { orgId, userId };
}
