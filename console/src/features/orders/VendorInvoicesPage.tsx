// 发票管理 (menu vendor.invoices): what is invoiceable to each party (paid orders, less vouchers
// and refunds, not yet invoiced), issuing a VAT invoice for it, and the invoices issued.
import { useState } from 'react';
import { Button, Card, Form, Input, Modal, Result, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert } from '../funds/ErrorAlert.tsx';
import { useInvoiceable, useInvoiceParties, useInvoices, useIssueInvoice, type Invoice, type InvoiceParty, type IssuedInvoice } from './api.ts';
import { money, partyName } from './labels.tsx';

function IssueDialog({ party, onClose }: { party: InvoiceParty; onClose: () => void }) {
  const { t } = useTranslation();
  const invoiceable = useInvoiceable(party.org_id);
  const issue = useIssueInvoice();
  const [title, setTitle] = useState(party.name);
  const [issued, setIssued] = useState<IssuedInvoice | null>(null);
  const amount = invoiceable.data?.invoiceable_amount;
  const who = partyName(party.name, party.account_name);
  return (
    <Modal
      open
      width={680}
      title={t('orders.issueTitle')}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <DialogFooter
          testId="issue"
          done={Boolean(issued)}
          okText={t('orders.issue')}
          disabled={!amount || !title.trim()}
          loading={issue.isPending}
          onOk={() => issue.mutateAsync({ orgId: party.org_id, title: title.trim() }).then(setIssued, () => undefined)}
          onClose={onClose}
        />
      }
    >
      <div data-testid="issue-dialog">
        {issued ? (
          <Result
            status="success"
            title={t('orders.issuedTitle', { amount: money(issued.amount), party: who })}
            subTitle={
              <span>
                {t('orders.invoiceId')}: <Typography.Text copyable data-testid="issued-invoice-id">{issued.invoice_id}</Typography.Text>
              </span>
            }
          />
        ) : (
          <>
            <Typography.Paragraph strong data-testid="issue-summary">
              {t('orders.issueConfirm', { amount: money(amount), party: who })}
            </Typography.Paragraph>
            <Form layout="vertical">
              <Form.Item label={t('orders.invoiceTitle')} required>
                <Input value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} data-testid="issue-title" />
              </Form.Item>
            </Form>
            <Table
              size="small"
              rowKey="order_id"
              loading={invoiceable.isPending}
              pagination={{ pageSize: 5 }}
              dataSource={invoiceable.data?.orders ?? []}
              columns={[
                { title: t('orders.orderId'), dataIndex: 'order_id' },
                { title: t('orders.payer'), dataIndex: 'payer', render: (v: string) => (v === 'partner' || v === 'customer' ? t(`orders.payerKind.${v}`) : v) },
                { title: t('orders.paidAt'), dataIndex: 'payment_time', render: formatDateTime },
                { title: t('orders.invoiceableAmount'), dataIndex: 'amount', align: 'right', render: money },
              ]}
            />
            <ErrorAlert error={invoiceable.error ?? issue.error} testId="issue-error" />
          </>
        )}
      </div>
    </Modal>
  );
}

function PartiesPanel() {
  const { t } = useTranslation();
  const me = useSession();
  const [page, setPage] = useState({ current: 1, pageSize: 10 });
  const parties = useInvoiceParties((page.current - 1) * page.pageSize, page.pageSize);
  const [issuing, setIssuing] = useState<InvoiceParty | null>(null);
  const columns: TableColumnsType<InvoiceParty> = [
    { title: t('orders.party'), render: (_, p) => <span data-testid="party-name">{partyName(p.name, p.account_name)}</span> },
    { title: t('orders.partyKind'), dataIndex: 'kind', render: (v: InvoiceParty['kind']) => <Tag>{t(`orgKind.${v}`)}</Tag> },
    { title: t('orders.orderCount'), dataIndex: 'order_count', align: 'right' },
    { title: t('orders.invoiceableAmount'), dataIndex: 'invoiceable_amount', align: 'right', render: (v: number) => <span data-testid="party-amount">{money(v)}</span> },
    {
      title: t('orders.actions'),
      render: (_, p) =>
        me.permissions.includes('BPC_ITEM_OPS_060101') && (
          <Button type="link" size="small" onClick={() => setIssuing(p)} data-testid="party-issue">
            {t('orders.issue')}
          </Button>
        ),
    },
  ];
  return (
    <>
      <Typography.Paragraph type="secondary">{t('orders.invoiceRules')}</Typography.Paragraph>
      <ErrorAlert error={parties.error} testId="parties-error" />
      <Table<InvoiceParty>
        rowKey="org_id"
        columns={columns}
        dataSource={parties.data?.parties ?? []}
        loading={parties.isFetching}
        data-testid="invoice-parties"
        pagination={{ ...page, total: parties.data?.total_count ?? 0, onChange: (current, pageSize) => setPage({ current, pageSize }) }}
      />
      {issuing && <IssueDialog party={issuing} onClose={() => setIssuing(null)} />}
    </>
  );
}

function InvoicesPanel() {
  const { t } = useTranslation();
  const [page, setPage] = useState({ current: 1, pageSize: 10 });
  const invoices = useInvoices((page.current - 1) * page.pageSize, page.pageSize);
  const columns: TableColumnsType<Invoice> = [
    { title: t('orders.invoiceId'), dataIndex: 'invoice_id' },
    { title: t('orders.invoiceTitle'), dataIndex: 'title' },
    { title: t('orders.partyId'), dataIndex: 'org_id' },
    { title: t('orders.invoiceAmount'), dataIndex: 'amount', align: 'right', render: money },
    { title: t('orders.issuedAt'), dataIndex: 'issued_at', render: formatDateTime },
  ];
  return (
    <>
      <ErrorAlert error={invoices.error} testId="invoices-error" />
      <Table<Invoice>
        rowKey="invoice_id"
        columns={columns}
        dataSource={invoices.data?.invoices ?? []}
        loading={invoices.isFetching}
        data-testid="invoice-list"
        pagination={{ ...page, total: invoices.data?.total_count ?? 0, onChange: (current, pageSize) => setPage({ current, pageSize }) }}
      />
    </>
  );
}

export function VendorInvoicesPage() {
  const { t } = useTranslation();
  return (
    <Card data-testid="vendor-invoices-page">
      <PageHeader title={t('orders.invoicesTitle')} description={t('orders.invoicesDescription')} />
      <Tabs
        destroyOnHidden
        items={[
          { key: 'invoiceable', label: <span data-testid="invoices-tab-invoiceable">{t('orders.tabInvoiceable')}</span>, children: <PartiesPanel /> },
          { key: 'issued', label: <span data-testid="invoices-tab-issued">{t('orders.tabIssued')}</span>, children: <InvoicesPanel /> },
        ]}
      />
    </Card>
  );
}
