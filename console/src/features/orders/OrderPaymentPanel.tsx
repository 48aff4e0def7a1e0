// 订单支付 (Order Payment): customers' partner-payment applications, pending and processed. The
// partner pays one from its balance (the confirmation names the amount, the customer and the
// paying account, with the account and allocatable balances and an estimated rebate) or rejects
// it with a reason; a refusal shows the server's message in place.
import { useState } from 'react';
import { Alert, Button, Col, Descriptions, Input, Modal, Result, Row, Space, Statistic, Table, Tabs, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../components/format.ts';
import { ApiError } from '../../api/client.ts';
import { ErrorAlert } from '../funds/ErrorAlert.tsx';
import { balanceOfType } from '../funds/api.ts';
import { fenText, toFen } from '../funds/money.ts';
import { newClientToken, useApplications, useOwnPartnerBalances, usePartnerPay, usePartnerReject, type Application, type ApplicationTab } from './api.ts';
import { money, PartnerPayTag, partyName, StatusTag, useProductText } from './labels.tsx';
import { OrderDrawer } from './OrderDrawer.tsx';

/** Items that may read the partner's own balances (ListPartnerBalances). */
const BALANCE_ITEMS = ['BPC_ITEM_VIEW_010100', 'BPC_ITEM_SUBCUSTSERV_010103', 'BPC_ITEM_SUBCUSTSERV_010104', 'BPC_ITEM_SALES_020104', 'BPC_ITEM_SALES_020105'];
/** Refusals after which only a new order from the customer helps. */
const REPLACE_CODES = new Set(['HBN.5104', 'HBN.5105', 'CBC.99003110']);

function useOwnBalances() {
  const me = useSession();
  const allowed = BALANCE_ITEMS.some((c) => me.permissions.includes(c));
  const balances = useOwnPartnerBalances(allowed);
  if (!allowed) return { allowed, account: null, allocatable: null, error: null };
  const cash = balanceOfType(balances.data, 1);
  const credit = balanceOfType(balances.data, 2);
  const allocatable = balanceOfType(balances.data, 8);
  // Account balance = recharge (cash) + credit, as the funds page shows it.
  const account = cash && credit ? fenText(toFen(cash.amount.toFixed(2)) + toFen(credit.amount.toFixed(2))) : null;
  return { allowed, account, allocatable: allocatable ? fenText(toFen(allocatable.amount.toFixed(2))) : null, error: balances.error };
}

function BalancesRow() {
  const { t } = useTranslation();
  const b = useOwnBalances();
  if (!b.allowed) return null;
  return (
    <>
      <ErrorAlert error={b.error} testId="pp-balance-error" />
      <Row gutter={24} style={{ marginBottom: 16 }}>
        <Col>
          <Statistic title={t('orders.accountBalance')} value={b.account ?? '—'} prefix="¥" valueRender={(v) => <span data-testid="pp-account-balance">{v}</span>} />
        </Col>
        <Col>
          <Statistic title={t('orders.allocatableBalance')} value={b.allocatable ?? '—'} prefix="¥" valueRender={(v) => <span data-testid="pp-allocatable">{v}</span>} />
        </Col>
      </Row>
    </>
  );
}

function PartnerPayDialog({ application, onClose }: { application: Application; onClose: () => void }) {
  const { t } = useTranslation();
  const productText = useProductText();
  const me = useSession();
  const pay = usePartnerPay();
  const balances = useOwnBalances();
  const [clientToken] = useState(newClientToken);
  const [done, setDone] = useState(false);
  const customer = partyName(application.customer_name, application.customer_account_name);
  const payingAccount = t(me.org.partner_type === 'cloud_reseller' ? 'orders.payingAccountReseller' : 'orders.payingAccountCash', { org: me.org.name });
  const code = pay.error instanceof ApiError ? pay.error.code : '';
  return (
    <Modal
      open
      title={t('orders.partnerPayTitle')}
      onCancel={onClose}
      maskClosable={false}
      width={600}
      footer={
        <DialogFooter
          testId="pp"
          done={done}
          okText={t('orders.payNow')}
          loading={pay.isPending}
          onOk={() => pay.mutateAsync({ orderId: application.order_id, clientToken }).then(() => setDone(true), () => undefined)}
          onClose={onClose}
        />
      }
    >
      <div data-testid="pp-dialog">
        {done ? (
          <div data-testid="pp-done">
            <Result status="success" title={t('orders.partnerPaidTitle')} subTitle={t('orders.partnerPaidText', { amount: money(application.amount_after_discount), customer })} />
          </div>
        ) : (
          <>
            <Typography.Paragraph strong data-testid="pp-summary">
              {t('orders.partnerPayConfirm', { amount: money(application.amount_after_discount), customer, account: payingAccount })}
            </Typography.Paragraph>
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t('orders.customer')}>{customer}</Descriptions.Item>
              <Descriptions.Item label={t('orders.orderId')}>{application.order_id}</Descriptions.Item>
              <Descriptions.Item label={t('orders.product')}>{productText(application)}</Descriptions.Item>
              <Descriptions.Item label={t('orders.amount')}>
                <strong>{money(application.amount_after_discount)}</strong>
              </Descriptions.Item>
              <Descriptions.Item label={t('orders.payingAccount')}>{payingAccount}</Descriptions.Item>
              {balances.allowed && <Descriptions.Item label={t('orders.accountBalance')}>¥{balances.account ?? '—'}</Descriptions.Item>}
              {balances.allowed && <Descriptions.Item label={t('orders.allocatableBalance')}>¥{balances.allocatable ?? '—'}</Descriptions.Item>}
              <Descriptions.Item label={t('orders.estimatedRebate')}>
                {money(application.estimated_rebate)} <Typography.Text type="secondary">({t('orders.estimateOnly')})</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('orders.deadline')}>{formatDateTime(application.pending_payment_end_time)}</Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {t(me.org.partner_type === 'cloud_reseller' ? 'orders.balanceRuleReseller' : 'orders.balanceRule')}
            </Typography.Paragraph>
            <ErrorAlert error={pay.error} testId="pp-error" />
            {REPLACE_CODES.has(code) && <Alert type="info" showIcon title={t('orders.replaceHint')} data-testid="pp-replace-hint" />}
          </>
        )}
      </div>
    </Modal>
  );
}

function RejectDialog({ application, onClose }: { application: Application; onClose: () => void }) {
  const { t } = useTranslation();
  const reject = usePartnerReject();
  const [reason, setReason] = useState('');
  const customer = partyName(application.customer_name, application.customer_account_name);
  return (
    <Modal
      open
      title={t('orders.rejectTitle')}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <DialogFooter
          testId="reject"
          danger
          okText={t('orders.reject')}
          disabled={!reason.trim()}
          loading={reject.isPending}
          onOk={() => reject.mutateAsync({ orderId: application.order_id, reason: reason.trim() }).then(onClose, () => undefined)}
          onClose={onClose}
        />
      }
    >
      <div data-testid="reject-dialog">
        <Typography.Paragraph>{t('orders.rejectText', { customer, amount: money(application.amount_after_discount), id: application.order_id })}</Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={200} showCount placeholder={t('orders.rejectReason')} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="reject-reason" />
        <div style={{ marginTop: 12 }}>
          <ErrorAlert error={reject.error} testId="reject-error" />
        </div>
      </div>
    </Modal>
  );
}

function ApplicationsTable({ tab }: { tab: ApplicationTab }) {
  const { t } = useTranslation();
  const productText = useProductText();
  const me = useSession();
  const can = (code: string) => me.permissions.includes(code);
  const [page, setPage] = useState({ current: 1, pageSize: 10 });
  const applications = useApplications(tab, (page.current - 1) * page.pageSize, page.pageSize);
  const [open, setOpen] = useState<{ action: 'pay' | 'reject'; application: Application } | null>(null);
  const [detail, setDetail] = useState<string | null>(null);

  const columns: TableColumnsType<Application> = [
    {
      title: t('orders.orderId'),
      dataIndex: 'order_id',
      render: (id: string) => (
        <Typography.Link onClick={() => setDetail(id)} data-testid="pp-order-id">
          {id}
        </Typography.Link>
      ),
    },
    { title: t('orders.customer'), render: (_, a) => partyName(a.customer_name, a.customer_account_name) },
    { title: t('orders.product'), dataIndex: 'spec_desc', render: (_: string, a) => productText(a) },
    { title: t('orders.amount'), dataIndex: 'amount_after_discount', align: 'right', render: (v: number) => <span data-testid="pp-row-amount">{money(v)}</span> },
    {
      title: (
        <Tooltip title={t('orders.estimateHelp')}>
          <span>{t('orders.estimatedRebate')}*</span>
        </Tooltip>
      ),
      dataIndex: 'estimated_rebate',
      align: 'right',
      render: (v: number) => money(v),
    },
    ...(tab === 'PENDING'
      ? [
          { title: t('orders.customerMessage'), dataIndex: 'partner_pay_reason', render: (v: string | null) => v || '—' },
          { title: t('orders.deadline'), dataIndex: 'pending_payment_end_time', render: formatDateTime },
        ]
      : [
          { title: t('orders.partnerPayLabel'), dataIndex: 'partner_pay_status', render: (v: Application['partner_pay_status']) => <PartnerPayTag status={v} /> },
          { title: t('orders.statusLabel'), dataIndex: 'status', render: (v: number) => <StatusTag status={v} /> },
          { title: t('orders.paidAt'), dataIndex: 'payment_time', render: (v: string | null) => formatDateTime(v) || '—' },
        ]),
    ...(tab === 'PENDING'
      ? [
          {
            title: t('orders.actions'),
            render: (_: unknown, a: Application) => (
              <Space size={0}>
                {can('BPC_ITEM_SUBCUSTSERV_050101') && (
                  <Button type="link" size="small" onClick={() => setOpen({ action: 'pay', application: a })} data-testid="pp-pay">
                    {t('orders.pay')}
                  </Button>
                )}
                {can('BPC_ITEM_SUBCUSTSERV_050103') && (
                  <Button type="link" size="small" danger onClick={() => setOpen({ action: 'reject', application: a })} data-testid="pp-reject">
                    {t('orders.reject')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <ErrorAlert error={applications.error} testId="pp-list-error" />
      <Table<Application>
        rowKey="order_id"
        size="middle"
        columns={columns}
        dataSource={applications.data?.applications ?? []}
        loading={applications.isFetching}
        scroll={{ x: 'max-content' }}
        data-testid={`pp-table-${tab.toLowerCase()}`}
        pagination={{ ...page, total: applications.data?.total_count ?? 0, onChange: (current, pageSize) => setPage({ current, pageSize }) }}
      />
      <Typography.Paragraph type="secondary">* {t('orders.estimateHelp')}</Typography.Paragraph>
      {open?.action === 'pay' && <PartnerPayDialog application={open.application} onClose={() => setOpen(null)} />}
      {open?.action === 'reject' && <RejectDialog application={open.application} onClose={() => setOpen(null)} />}
      <OrderDrawer orderId={detail} onClose={() => setDetail(null)} />
    </>
  );
}

export function OrderPaymentPanel() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<ApplicationTab>('PENDING');
  return (
    <div data-testid="order-payment">
      <Typography.Paragraph type="secondary">{t('orders.paymentDescription')}</Typography.Paragraph>
      <BalancesRow />
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as ApplicationTab)}
        destroyOnHidden
        items={[
          { key: 'PENDING', label: <span data-testid="pp-tab-pending">{t('orders.tabPending')}</span>, children: <ApplicationsTable tab="PENDING" /> },
          { key: 'PROCESSED', label: <span data-testid="pp-tab-processed">{t('orders.tabProcessed')}</span>, children: <ApplicationsTable tab="PROCESSED" /> },
        ]}
      />
    </div>
  );
}
