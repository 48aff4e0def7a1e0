// Voucher management (销售 > 客户 > 券管理): quotas with "issue vouchers" (and, for a master
// distributor, "issue quota to resellers"), issued vouchers with reclaim, operation records.
import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useMe } from '../../api/session.ts';
import { BatchResultTable } from './BatchResultTable.tsx';
import { percentToRatioText } from './ratio.ts';
import { useCouponRecords, useIssueCoupons, useIssueQuota, useIssuedCoupons, useQuotas, useReclaimCoupon, type BatchResult, type IssuedCoupon, type Quota } from './api.ts';

const money = (v: number) => v.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const list = (text: string) => text.split(/[\s,，]+/).filter(Boolean);

function IssueModal({ quota, mode, onClose }: { quota: Quota; mode: 'coupons' | 'quota'; onClose: () => void }) {
  const { t } = useTranslation();
  const issueCoupons = useIssueCoupons();
  const issueQuota = useIssueQuota();
  const [result, setResult] = useState<BatchResult | null>(null);
  const [form] = Form.useForm<{ ids: string; amount: number; cycle: '5' | '6'; ratio?: number | null }>();
  const cash = quota.quota_type === 1;
  const submit = async () => {
    const v = await form.validateFields();
    const amount = v.amount.toFixed(2);
    // A cash coupon's usage cap; without one it takes the quota's.
    const usageRatio = cash && v.ratio ? percentToRatioText(v.ratio) : undefined;
    setResult(
      mode === 'coupons'
        ? await issueCoupons.mutateAsync({ quota_id: quota.quota_id, customer_ids: list(v.ids), face_value: amount, cycle_type: v.cycle, usage_ratio: usageRatio })
        : await issueQuota.mutateAsync({ quota_id: quota.quota_id, indirect_partner_ids: list(v.ids), quota_amount: amount }),
    );
  };
  return (
    <Modal
      open
      title={mode === 'coupons' ? t('vouchers.issueCoupons') : t('vouchers.issueQuota')}
      onCancel={onClose}
      onOk={result ? onClose : submit}
      okText={result ? t('common.ok') : t('vouchers.submit')}
      confirmLoading={issueCoupons.isPending || issueQuota.isPending}
      okButtonProps={{ 'data-testid': 'issue-submit' } as Record<`data-${string}`, string>}
      width={640}
    >
      {result ? (
        <BatchResultTable result={result} />
      ) : (
        <Form form={form} layout="vertical" initialValues={{ cycle: '6' }}>
          <Form.Item label={t('vouchers.balance')}>{money(quota.balance)}</Form.Item>
          <Form.Item name="ids" label={mode === 'coupons' ? t('vouchers.customerIds') : t('vouchers.resellerIds')} rules={[{ required: true }]}>
            <Input.TextArea data-testid="issue-ids" rows={3} placeholder={t('vouchers.idsHint')} />
          </Form.Item>
          <Form.Item name="amount" label={mode === 'coupons' ? t('vouchers.faceValue') : t('vouchers.quotaAmount')} rules={[{ required: true }]}>
            <InputNumber data-testid="issue-amount" min={0.01} precision={2} style={{ width: 200 }} />
          </Form.Item>
          {mode === 'coupons' && (
            <Form.Item name="cycle" label={t('vouchers.voucherKind')}>
              <Select style={{ width: 240 }} options={[{ value: '6', label: t('vouchers.general') }, { value: '5', label: t('vouchers.payPerUse') }]} />
            </Form.Item>
          )}
          {mode === 'coupons' && cash && (
            <Form.Item name="ratio" label={t('vendorQuotas.usageRatio')} extra={t('vendorQuotas.usageRatioHint')}>
              <InputNumber data-testid="issue-usage-ratio" min={0.01} max={100} precision={2} style={{ width: 200 }} />
            </Form.Item>
          )}
        </Form>
      )}
    </Modal>
  );
}

function QuotasTab({ quotaType }: { quotaType: 0 | 1 }) {
  const { t } = useTranslation();
  const me = useMe();
  const [page, setPage] = useState({ offset: 0, limit: 10 });
  const quotas = useQuotas(quotaType, page.offset, page.limit);
  const [target, setTarget] = useState<{ quota: Quota; mode: 'coupons' | 'quota' } | null>(null);
  const isDistributor = me.data?.org.partner_type === 'master_distributor';
  return (
    <>
      <Table
        data-testid={`quota-table-${quotaType}`}
        rowKey="quota_id"
        loading={quotas.isLoading}
        dataSource={quotas.data?.quotas ?? []}
        pagination={{ total: quotas.data?.total_count ?? 0, pageSize: page.limit, current: page.offset / page.limit + 1, onChange: (p, s) => setPage({ offset: (p - 1) * s, limit: s }) }}
        columns={[
          { title: t('vouchers.quotaId'), dataIndex: 'quota_id' },
          { title: t('vouchers.quotaValue'), dataIndex: 'quota_value', align: 'right', render: money },
          { title: t('vouchers.balance'), dataIndex: 'balance', align: 'right', render: (v: number) => <span data-testid="quota-balance">{money(v)}</span> },
          { title: t('vouchers.validity'), render: (_, q) => `${q.effective_time} ~ ${q.expire_time}` },
          { title: t('vouchers.status'), dataIndex: 'quota_status', render: (s: number) => <Tag>{t(`vouchers.quotaStatus.${s}` as 'vouchers.quotaStatus.0')}</Tag> },
          {
            title: t('vouchers.actions'),
            render: (_, q) => (
              <Space>
                <Button type="link" size="small" data-testid="issue-coupons" disabled={q.quota_status !== 0} onClick={() => setTarget({ quota: q, mode: 'coupons' })}>
                  {t('vouchers.issueCoupons')}
                </Button>
                {isDistributor && quotaType === 0 && (
                  <Button type="link" size="small" data-testid="issue-quota" disabled={q.quota_status !== 0} onClick={() => setTarget({ quota: q, mode: 'quota' })}>
                    {t('vouchers.issueQuota')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {target && <IssueModal quota={target.quota} mode={target.mode} onClose={() => setTarget(null)} />}
    </>
  );
}

function IssuedTab() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const [page, setPage] = useState({ offset: 0, limit: 10 });
  const coupons = useIssuedCoupons(page.offset, page.limit);
  const reclaim = useReclaimCoupon();
  const confirm = (c: IssuedCoupon) =>
    modal.confirm({
      title: t('vouchers.reclaim'),
      content: t('vouchers.reclaimConfirm', { amount: money(c.balance) }),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      onOk: () => reclaim.mutateAsync(c.coupon_id).then(() => void message.success(t('vouchers.reclaimed', { amount: money(c.balance) }))),
    });
  return (
    <Table
      data-testid="issued-table"
      rowKey="coupon_id"
      loading={coupons.isLoading}
      dataSource={coupons.data?.user_coupons ?? []}
      pagination={{ total: coupons.data?.total_count ?? 0, pageSize: page.limit, current: page.offset / page.limit + 1, onChange: (p, s) => setPage({ offset: (p - 1) * s, limit: s }) }}
      columns={[
        { title: t('vouchers.couponId'), dataIndex: 'coupon_id' },
        { title: t('vouchers.customer'), dataIndex: 'customer_id' },
        { title: t('vouchers.faceValue'), dataIndex: 'face_value', align: 'right', render: money },
        { title: t('vouchers.balance'), dataIndex: 'balance', align: 'right', render: money },
        { title: t('vouchers.expireTime'), dataIndex: 'expire_time' },
        { title: t('vouchers.status'), dataIndex: 'status', render: (s: number) => <Tag>{t(`vouchers.couponStatus.${s}` as 'vouchers.couponStatus.1')}</Tag> },
        {
          title: t('vouchers.actions'),
          render: (_, c) =>
            c.status === 2 || c.status === 1 ? (
              <Button type="link" size="small" data-testid="reclaim-coupon" onClick={() => confirm(c)}>
                {t('vouchers.reclaim')}
              </Button>
            ) : null,
        },
      ]}
    />
  );
}

function RecordsTab() {
  const { t } = useTranslation();
  const [page, setPage] = useState({ offset: 0, limit: 10 });
  const records = useCouponRecords(page.offset, page.limit);
  return (
    <Table
      data-testid="records-table"
      rowKey="id"
      loading={records.isLoading}
      dataSource={records.data?.records ?? []}
      pagination={{ total: records.data?.total_count ?? 0, pageSize: page.limit, current: page.offset / page.limit + 1, onChange: (p, s) => setPage({ offset: (p - 1) * s, limit: s }) }}
      columns={[
        { title: t('vouchers.operationTime'), dataIndex: 'operation_time' },
        { title: t('vouchers.operation'), dataIndex: 'operation_type', render: (o: string) => t(`vouchers.operationType.${o}` as 'vouchers.operationType.1', { defaultValue: o }) },
        { title: t('vouchers.couponId'), dataIndex: 'coupon_id' },
        { title: t('vouchers.customer'), dataIndex: 'customer_id' },
        { title: t('vouchers.amount'), dataIndex: 'operation_amount', align: 'right', render: money },
        { title: t('vouchers.quotaId'), dataIndex: 'quota_id' },
      ]}
    />
  );
}

export function VouchersPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('vouchers.title')} description={t('vouchers.description')} />
      <Tabs
        items={[
          { key: 'quotas', label: t('vouchers.tabQuotas'), children: <QuotasTab quotaType={0} /> },
          { key: 'cash', label: t('vouchers.tabCashQuotas'), children: <QuotasTab quotaType={1} /> },
          { key: 'issued', label: t('vouchers.tabIssued'), children: <IssuedTab /> },
          { key: 'records', label: t('vouchers.tabRecords'), children: <RecordsTab /> },
        ]}
      />
    </>
  );
}
