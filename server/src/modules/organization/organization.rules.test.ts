import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../shared/errors.ts';
import { checkGrantable, checkMayManage, checkPasswordPolicy, checkRoleSet } from './organization.rules.ts';
import { SYSTEM_ROLE_BY_ID, systemRoleItems } from './system-roles.ts';

const role = (id: string) => SYSTEM_ROLE_BY_ID.get(id) ?? { id };
const code = (fn: () => void) => {
  try {
    fn();
    return null;
  } catch (e) {
    return (e as AppError).code;
  }
};

test('role combinations: at most 3, administrator alone, manager and supervisor exclusive', () => {
  assert.equal(code(() => checkRoleSet(['system.finance', 'system.marketing', 'system.read_only'].map(role))), null);
  assert.equal(code(() => checkRoleSet(['a', 'b', 'c', 'd'].map(role))), 'HBN.2001');
  assert.equal(code(() => checkRoleSet(['system.administrator', 'system.finance'].map(role))), 'HBN.2002');
  assert.equal(code(() => checkRoleSet(['system.administrator'].map(role))), null);
  assert.equal(code(() => checkRoleSet(['system.account_manager', 'system.account_manager_supervisor'].map(role))), 'HBN.2003');
  assert.equal(code(() => checkRoleSet(['vendor.administrator', 'vendor.approver'].map(role))), 'HBN.2002');
});

test('password policy', () => {
  assert.equal(code(() => checkPasswordPolicy('Secret#2026', 'md_fin')), null);
  assert.equal(code(() => checkPasswordPolicy('short1A', 'md_fin')), 'HBN.1008');
  assert.equal(code(() => checkPasswordPolicy('alllowercase', 'md_fin')), 'HBN.1008');
  assert.equal(code(() => checkPasswordPolicy('Md_Fin#2026', 'md_fin')), 'HBN.1008');
});

test('nobody manages the main account or themselves; members grant only what they hold', () => {
  assert.equal(code(() => checkMayManage('u1', { id: 'u2', is_main: true })), 'HBN.2011');
  assert.equal(code(() => checkMayManage('u1', { id: 'u1', is_main: false })), 'HBN.2011');
  assert.equal(code(() => checkMayManage('u1', { id: 'u2', is_main: false })), null);
  assert.equal(code(() => checkGrantable(false, new Set(['A']), ['A', 'B'])), 'HBN.2010');
  assert.equal(code(() => checkGrantable(true, new Set(), ['A', 'B'])), null);
});

test('system roles give items of their own side only', () => {
  const admin = systemRoleItems(SYSTEM_ROLE_BY_ID.get('system.administrator')!, 'partner', 'solution_provider');
  assert.ok(admin.has('BPC_ITEM_ORG_010101'));
  assert.ok(!admin.has('BPC_ITEM_SALES_020104'), 'a solution provider has no resellers');
  const readOnly = systemRoleItems(SYSTEM_ROLE_BY_ID.get('system.read_only')!, 'partner', 'master_distributor');
  assert.ok([...readOnly].every((c) => c.endsWith('00')));
  const am = systemRoleItems(SYSTEM_ROLE_BY_ID.get('system.account_manager')!, 'partner', 'master_distributor');
  // An account manager sees the customers assigned to them, not the whole list, and moves no money.
  assert.ok(am.has('BPC_ITEM_SUBCUSTSERV_010130') && !am.has('BPC_ITEM_SUBCUSTSERV_010100') && !am.has('BPC_ITEM_SUBCUSTSERV_010103'));
  // ... and likewise the cloud resellers assigned to them, without allocating to them.
  assert.ok(am.has('BPC_ITEM_SALES_020108') && !am.has('BPC_ITEM_SALES_020100') && !am.has('BPC_ITEM_SALES_020104'));
  const approver = systemRoleItems(SYSTEM_ROLE_BY_ID.get('vendor.approver')!, 'vendor', null);
  assert.ok(approver.has('BPC_ITEM_OPS_020101') && !approver.has('BPC_ITEM_ORG_010100'));
});
