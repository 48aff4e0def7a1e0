import { test } from 'node:test';
import assert from 'node:assert/strict';
import { balanceJournal, firstOverdraft } from './ledger.rules.ts';

const a = { orgId: 'a', kind: 'partner_cash' } as const;
const b = { orgId: 'b', kind: 'partner_cash' } as const;

test('a journal must sum to zero over at least two accounts', () => {
  assert.deepEqual(balanceJournal([{ account: a, amount: -5n }, { account: b, amount: 5n }]).moved, 5n);
  assert.throws(() => balanceJournal([{ account: a, amount: -5n }, { account: b, amount: 4n }]), /unbalanced/);
  assert.throws(() => balanceJournal([{ account: a, amount: -5n }, { account: a, amount: 5n }]), /two accounts/);
});

test('legs to the same account are merged before checking', () => {
  const { legs, moved } = balanceJournal([
    { account: a, amount: -5n },
    { account: a, amount: -1n },
    { account: b, amount: 6n },
  ]);
  assert.equal(legs.length, 2);
  assert.equal(moved, 6n);
});

test('an overdraft is found only on accounts that may not go negative', () => {
  const accounts = new Map([
    ['x', { balance: 3n, mayGoNegative: false }],
    ['v', { balance: 0n, mayGoNegative: true }],
  ]);
  assert.equal(firstOverdraft([{ accountId: 'x', amount: -3n }, { accountId: 'v', amount: -100n }], accounts), null);
  assert.deepEqual(firstOverdraft([{ accountId: 'x', amount: -4n }], accounts), { accountId: 'x', balance: 3n, amount: -4n });
});
