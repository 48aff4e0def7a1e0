// Built pages, by the key of the menu entry they belong to. A menu entry without a page here
// shows "not available yet"; add a line when a feature's page is ready.
import type { ComponentType } from 'react';
import { HomePage } from '../features/home/HomePage.tsx';
import { CatalogPage } from '../features/catalog/CatalogPage.tsx';
import { AuditPage } from '../features/organization/AuditPage.tsx';
import { MembersPage } from '../features/organization/MembersPage.tsx';
import { SecurityPage } from '../features/organization/SecurityPage.tsx';
import { ResellersPage } from '../features/funds/ResellersPage.tsx';
import { FundsPage } from '../features/funds/FundsPage.tsx';
import { VendorFundsPage } from '../features/funds/VendorFundsPage.tsx';
import { CustomersPage } from '../features/customers/CustomersPage.tsx';
import { MyPartnersPage } from '../features/customers/MyPartnersPage.tsx';
import { VendorApprovalsPage } from '../features/customers/VendorApprovalsPage.tsx';
import { TestVouchersPage } from '../features/vouchers/TestVouchersPage.tsx';
import { VouchersPage } from '../features/vouchers/VouchersPage.tsx';
import { VendorQuotasPage } from '../features/vouchers/VendorQuotasPage.tsx';
import { MyVouchersPage } from '../features/vouchers/MyVouchersPage.tsx';
import { CustomerOrdersPage } from '../features/orders/CustomerOrdersPage.tsx';
import { MyOrdersPage } from '../features/orders/MyOrdersPage.tsx';
import { VendorInvoicesPage } from '../features/orders/VendorInvoicesPage.tsx';
import { HOME_KEY } from './menus.ts';

export const pagesByMenuKey: Record<string, ComponentType> = {
  [HOME_KEY]: HomePage,
  'vendor.configuration': CatalogPage,
  'sales.resellers': ResellersPage,
  'sales.funds': FundsPage,
  'vendor.funds': VendorFundsPage,
  'organization.members': MembersPage,
  'organization.audit': AuditPage,
  'organization.security': SecurityPage,
  'vendor.organization.members': MembersPage,
  'vendor.organization.audit': AuditPage,
  'vendor.organization.security': SecurityPage,
  'sales.customers': CustomersPage,
  'customer.partners': MyPartnersPage,
  'vendor.approvals': VendorApprovalsPage,
  'sales.vouchers': VouchersPage,
  'benefits.test-vouchers': TestVouchersPage,
  'vendor.partners': VendorQuotasPage,
  'customer.vouchers': MyVouchersPage,
  'customer.orders': MyOrdersPage,
  'sales.orders': CustomerOrdersPage,
  'vendor.invoices': VendorInvoicesPage,
};
