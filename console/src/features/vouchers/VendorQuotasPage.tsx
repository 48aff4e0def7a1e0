// 伙伴管理 (menu vendor.partners), the voucher part: the quotas the vendor granted to solution
// providers and master distributors, a grant dialog (amount, validity, restrictions) confirmed
// with amount and party, and freeze/unfreeze. Other partner-management tabs join the Tabs here.
import { useState } from 'react';
import { App, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert } from '../funds/ErrorAlert.tsx';
import { normalizeAmount, yuanText } from '../funds/money.ts';
import { percentToRatioText, ratioTextToPercent } from './ratio.ts';
import { useGrantedQuotas, useGrantQuota, useQuotaHolders, useServiceTypes, useSetQuotaFrozen, type GrantedQuota, type LimitInfo } from './api.ts';

const GRANT_ITEM = 'BPC_ITEM_OPS_010105';
const apiTime = (d: { toDate(): Date } | null | undefined) => (d ? d.toDate().toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined);
const ids = (text: string | undefined) => (text ?? '').split(/[\s,，]+/).filter(Boolean);
const STATUS_COLOR: Record<number, string> = { 0: 'success', 3: 'default', 4: 'processing', 5: 'warning', 6: 'default' };

interface GrantForm {
  partner_id: string;
  quota_type: 0 | 1;
  amount: string;
  effective?: { toDate(): Date } | null;
  expire: { toDate(): Date };
  service_types?: string[];
  cycles?: ('5' | '6')[];
  min_face?: string;
  max_face?: string;
  max_count?: number | null;
  max_total?: string;
  usage_percent?: number | null;
  designated?: string;
  first_only?: boolean;
}

/** The restrictions of the form as Huawei's limit_infos (one key, its values). */
function limitsOf(v: GrantForm): LimitInfo[] {
  const out: LimitInfo[] = [];
  const add = (key: string, values: (string | undefined | null)[]) => {
    const kept = values.filter((x): x is string => !!x);
    if (kept.length > 0) out.push({ limit_key: key, limit_values: kept.map((value1) => ({ value1 })) });
  };
  add('serviceType', v.service_types ?? []);
  if (v.quota_type === 0 && v.cycles && v.cycles.length === 1) add('cycleType', v.cycles);
  add('minFaceValue', [v.min_face ? normalizeAmount(v.min_face) : null]);
  add('maxFaceValue', [v.max_face ? normalizeAmount(v.max_face) : null]);
  add('maxCount', [v.max_count ? String(v.max_count) : null]);
  add('maxTotal', [v.max_total ? normalizeAmount(v.max_total) : null]);
  add('designatedCustomer', ids(v.designated));
  if (v.first_only) add('firstAssociationOnly', ['1']);
  if (v.quota_type === 1 && v.usage_percent) add('usageRatio', [percentToRatioText(v.usage_percent)]);
  return out;
}

function Restrictions({ limits }: { limits: GrantedQuota['limit_infos'] }) {
  const { t } = useTranslation();
  if (limits.length === 0) return <Typography.Text type="secondary">{t('vendorQuotas.noRestriction')}</Typography.Text>;
  const label = (key: string) => t(`vendorQuotas.limit.${key}` as 'vendorQuotas.limit.serviceType', { defaultValue: key });
  const value = (key: string, v: string) =>
    key === 'usageRatio' ? `${ratioTextToPercent(v)}%` : key === 'cycleType' ? (v === '5' ? t('vendorQuotas.cyclePayPerUse') : t('vendorQuotas.cycleGeneral')) : v;
  return (
    <Space size={[4, 4]} wrap>
      {limits.map((l) => (
        <Tag key={l.limit_key}>
          {label(l.limit_key)}: {l.limit_values.map((x) => value(l.limit_key, x.value1 ?? '')).join(', ')}
        </Tag>
      ))}
    </Space>
  );
}

function GrantModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const holders = useQuotaHolders();
  const serviceTypes = useServiceTypes();
  const grant = useGrantQuota();
  const [form] = Form.useForm<GrantForm>();
  const quotaType = Form.useWatch('quota_type', form);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const amount = normalizeAmount(v.amount)!;
    const partner = holders.data?.partners.find((p) => p.id === v.partner_id);
    const party = partner ? `${partner.name} (${partner.account_name})` : v.partner_id;
    const confirmed = await modal.confirm({
      title: t('vendorQuotas.confirmTitle'),
      content: t('vendorQuotas.confirmGrant', {
        partner: party,
        type: t(v.quota_type === 1 ? 'vendorQuotas.type1' : 'vendorQuotas.type0'),
        amount,
        from: v.effective ? formatDateTime(v.effective.toDate().toISOString()) : t('vendorQuotas.now'),
        to: formatDateTime(v.expire.toDate().toISOString()),
      }),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'grant-confirm' } as never,
    });
    if (!confirmed) return;
    try {
      await grant.mutateAsync({ partner_id: v.partner_id, quota_type: v.quota_type, amount, effective_time: apiTime(v.effective), expire_time: apiTime(v.expire)!, limit_infos: limitsOf(v) });
    } catch {
      return; // shown above the form
    }
    void message.success(t('vendorQuotas.granted', { partner: party, amount }));
    form.resetFields();
    onClose();
  };
  const amountRule = { validator: (_: unknown, v: string | undefined) => (!v || normalizeAmount(v) ? Promise.resolve() : Promise.reject(new Error(t('vendorQuotas.amountInvalid')))) };
  return (
    <Modal
      open={open}
      title={t('vendorQuotas.grant')}
      width={720}
      onCancel={onClose}
      onOk={submit}
      okText={t('vouchers.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={grant.isPending}
      okButtonProps={{ 'data-testid': 'grant-submit' } as never}
      destroyOnHidden
    >
      <ErrorAlert error={grant.error} testId="grant-error" />
      <Form form={form} layout="vertical" initialValues={{ quota_type: 0 }}>
        <Form.Item name="partner_id" label={t('vendorQuotas.partner')} rules={[{ required: true, message: t('vendorQuotas.pickPartner') }]}>
          <Select
            data-testid="grant-partner"
            showSearch
            optionFilterProp="label"
            placeholder={t('vendorQuotas.pickPartner')}
            loading={holders.isPending}
            options={(holders.data?.partners ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.account_name}) · ${t(`partnerType.${p.partner_type}` as 'partnerType.none', { defaultValue: p.partner_type })}` }))}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="quota_type" label={t('vendorQuotas.quotaType')}>
              <Radio.Group optionType="button" options={[{ value: 0, label: t('vendorQuotas.type0') }, { value: 1, label: t('vendorQuotas.type1') }]} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="amount" label={t('vendorQuotas.amount')} rules={[{ required: true, message: t('vendorQuotas.amountInvalid') }, amountRule]}>
              <Input data-testid="grant-amount" inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="effective" label={t('vendorQuotas.effectiveTime')} extra={t('vendorQuotas.effectiveHint')}>
              <DatePicker showTime style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="expire" label={t('vendorQuotas.expireTime')} rules={[{ required: true, message: t('vendorQuotas.expireRequired') }]}>
              <DatePicker showTime style={{ width: '100%' }} data-testid="grant-expire" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>{t('vendorQuotas.restrictions')}</Typography.Title>
        <Form.Item name="service_types" label={t('vendorQuotas.serviceTypes')} extra={t('vendorQuotas.serviceTypesHint')}>
          <Select mode="multiple" allowClear options={(serviceTypes.data?.service_types ?? []).map((s) => ({ value: s.service_type_code, label: s.service_type_name }))} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="min_face" label={t('vendorQuotas.minFaceValue')} rules={[amountRule]}>
              <Input inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="max_face" label={t('vendorQuotas.maxFaceValue')} rules={[amountRule]}>
              <Input inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="max_count" label={t('vendorQuotas.maxCount')}>
              <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="max_total" label={t('vendorQuotas.maxTotal')} rules={[amountRule]}>
              <Input inputMode="decimal" />
            </Form.Item>
          </Col>
        </Row>
        {quotaType === 1 ? (
          <Form.Item name="usage_percent" label={t('vendorQuotas.usageRatio')} extra={t('vendorQuotas.usageRatioHint')}>
            <InputNumber data-testid="grant-usage-ratio" min={0.01} max={100} precision={2} style={{ width: 200 }} />
          </Form.Item>
        ) : (
          <Form.Item name="cycles" label={t('vendorQuotas.cycleType')}>
            <Checkbox.Group options={[{ value: '6', label: t('vendorQuotas.cycleGeneral') }, { value: '5', label: t('vendorQuotas.cyclePayPerUse') }]} />
          </Form.Item>
        )}
        <Form.Item name="designated" label={t('vendorQuotas.designatedCustomers')} extra={t('vendorQuotas.designatedHint')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="first_only" valuePropName="checked">
          <Checkbox>{t('vendorQuotas.firstAssociationOnly')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function QuotaGrantsPanel() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const me = useSession();
  const mayGrant = me.permissions.includes(GRANT_ITEM);
  const holders = useQuotaHolders();
  const [filter, setFilter] = useState<{ partner_id?: string; quota_type?: number; status?: number }>({});
  const [page, setPage] = useState({ current: 1, pageSize: 10 });
  const quotas = useGrantedQuotas(filter, (page.current - 1) * page.pageSize, page.pageSize);
  const setFrozen = useSetQuotaFrozen();
  const [granting, setGranting] = useState(false);
  const party = (q: GrantedQuota) => `${q.partner_name} (${q.partner_account_name})`;
  const toggle = (q: GrantedQuota, frozen: boolean) =>
    modal.confirm({
      title: t(frozen ? 'vendorQuotas.freeze' : 'vendorQuotas.unfreeze'),
      content: t(frozen ? 'vendorQuotas.confirmFreeze' : 'vendorQuotas.confirmUnfreeze', { partner: party(q), quota: q.quota_id, balance: yuanText(q.balance) }),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: frozen, 'data-testid': 'freeze-confirm' } as never,
      onOk: () => setFrozen.mutateAsync({ id: q.quota_id, frozen }).then(() => void message.success(t(frozen ? 'vendorQuotas.frozen' : 'vendorQuotas.unfrozen'))),
    });
  const columns: TableColumnsType<GrantedQuota> = [
    { title: t('vendorQuotas.partner'), render: (_, q) => party(q) },
    { title: t('vouchers.quotaId'), dataIndex: 'quota_id' },
    { title: t('vendorQuotas.quotaType'), dataIndex: 'quota_type', render: (v: number) => <Tag>{t(v === 1 ? 'vendorQuotas.type1' : 'vendorQuotas.type0')}</Tag> },
    { title: t('vouchers.quotaValue'), dataIndex: 'quota_value', align: 'right', render: (v: number) => yuanText(v) },
    { title: t('vouchers.balance'), dataIndex: 'balance', align: 'right', render: (v: number) => yuanText(v) },
    { title: t('vouchers.validity'), render: (_, q) => `${formatDateTime(q.effective_time)} ~ ${formatDateTime(q.expire_time)}` },
    { title: t('vouchers.status'), dataIndex: 'quota_status', render: (s: number) => <Tag color={STATUS_COLOR[s]}>{t(`vouchers.quotaStatus.${s}` as 'vouchers.quotaStatus.0')}</Tag> },
    { title: t('vendorQuotas.restrictions'), render: (_, q) => <Restrictions limits={q.limit_infos} /> },
    {
      title: t('vouchers.actions'),
      render: (_, q) =>
        !mayGrant ? null : q.quota_status === 0 ? (
          <Button type="link" size="small" danger data-testid="quota-freeze" onClick={() => toggle(q, true)}>
            {t('vendorQuotas.freeze')}
          </Button>
        ) : q.quota_status === 5 ? (
          <Button type="link" size="small" data-testid="quota-unfreeze" onClick={() => toggle(q, false)}>
            {t('vendorQuotas.unfreeze')}
          </Button>
        ) : null,
    },
  ];
  const refilter = (patch: Partial<typeof filter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setPage((p) => ({ ...p, current: 1 }));
  };
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width: 280 }}
          placeholder={t('vendorQuotas.allPartners')}
          options={(holders.data?.partners ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.account_name})` }))}
          onChange={(v: string | undefined) => refilter({ partner_id: v })}
        />
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('vendorQuotas.allTypes')}
          options={[{ value: 0, label: t('vendorQuotas.type0') }, { value: 1, label: t('vendorQuotas.type1') }]}
          onChange={(v: number | undefined) => refilter({ quota_type: v })}
        />
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('vendorQuotas.allStatuses')}
          options={[0, 3, 4, 5].map((s) => ({ value: s, label: t(`vouchers.quotaStatus.${s}` as 'vouchers.quotaStatus.0') }))}
          onChange={(v: number | undefined) => refilter({ status: v })}
        />
        {mayGrant && (
          <Button type="primary" data-testid="grant-quota" onClick={() => setGranting(true)}>
            {t('vendorQuotas.grant')}
          </Button>
        )}
      </Space>
      <ErrorAlert error={quotas.error} testId="granted-error" />
      <Table<GrantedQuota>
        data-testid="granted-quotas"
        rowKey="quota_id"
        size="small"
        loading={quotas.isPending}
        dataSource={quotas.data?.quotas ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        pagination={{ ...page, total: quotas.data?.total_count ?? 0, onChange: (current, pageSize) => setPage({ current, pageSize }) }}
      />
      <GrantModal open={granting} onClose={() => setGranting(false)} />
    </>
  );
}

export function VendorQuotasPage() {
  const { t } = useTranslation();
  return (
    <Card data-testid="vendor-quotas-page">
      <PageHeader title={t('vendorQuotas.title')} description={t('vendorQuotas.description')} />
      <Tabs items={[{ key: 'quotas', label: t('vendorQuotas.tab'), children: <QuotaGrantsPanel /> }]} />
    </Card>
  );
}
