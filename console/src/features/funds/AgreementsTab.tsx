// Third-party payment agreements (代付协议): create, list, details, invalidate. At most 5 active;
// the server's error for a sixth is shown as it comes, with its code.
import { useState } from 'react';
import { App, Button, Checkbox, Descriptions, Form, Input, Modal, Radio, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
import { useAgreement, useAgreements, useCreateAgreement, useInvalidateAgreement, type Agreement, type AgreementInput } from './api.ts';

const RELATIONSHIPS = ['ASSOCIATED_ENTERPRISE', 'CREDITOR_DEBTOR', 'OTHER'] as const;
const REASONS = ['PAY_ON_BEHALF', 'PAY_DEBTS', 'OTHER'] as const;

function CreateAgreementModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AgreementInput>();
  const create = useCreateAgreement();
  const submit = async () => {
    const values = await form.validateFields();
    await create.mutateAsync(values);
    onClose();
  };
  return (
    <Modal open title={t('funds.createAgreement')} okText={t('common.ok')} cancelText={t('common.cancel')} confirmLoading={create.isPending} onOk={() => void submit().catch(() => {})} onCancel={onClose} destroyOnHidden okButtonProps={{ 'data-testid': 'agreement-submit' } as Record<string, string>}>
      <ErrorAlert error={create.error} testId="agreement-error" />
      <Form form={form} layout="vertical" initialValues={{ entrusted_party_type: 'ENTERPRISE', relationship: 'ASSOCIATED_ENTERPRISE', reason: 'PAY_ON_BEHALF', consent: false }}>
        <Form.Item name="entrusted_party_type" label={t('funds.partyType')}>
          <Radio.Group options={[{ value: 'ENTERPRISE', label: t('funds.partyType_ENTERPRISE') }, { value: 'INDIVIDUAL', label: t('funds.partyType_INDIVIDUAL') }]} />
        </Form.Item>
        <Form.Item name="entrusted_party_name" label={t('funds.partyName')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} data-testid="agreement-name" />
        </Form.Item>
        <Form.Item name="entrusted_party_identifier" label={t('funds.partyIdentifier')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={64} data-testid="agreement-identifier" />
        </Form.Item>
        <Form.Item name="relationship" label={t('funds.relationship')}>
          <Select options={RELATIONSHIPS.map((v) => ({ value: v, label: t(`funds.rel.${v}`) }))} />
        </Form.Item>
        <Form.Item name="reason" label={t('funds.agreementReason')}>
          <Select options={REASONS.map((v) => ({ value: v, label: t(`funds.why.${v}`) }))} />
        </Form.Item>
        <Form.Item name="consent" valuePropName="checked" rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('funds.consentRequired')))) }]}>
          <Checkbox data-testid="agreement-consent">{t('funds.consent')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function AgreementsTab() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const me = useSession();
  const [status, setStatus] = useState<Agreement['status'] | undefined>();
  const [page, setPage] = useState({ current: 1, pageSize: 10 });
  const agreements = useAgreements({ status, offset: (page.current - 1) * page.pageSize, limit: page.pageSize });
  const invalidate = useInvalidateAgreement();
  const [creating, setCreating] = useState(false);
  const [detailId, setDetailId] = useState<string | null>(null);
  const detail = useAgreement(detailId);

  const columns: TableColumnsType<Agreement> = [
    { title: t('funds.agreementType'), dataIndex: 'agreement_type' },
    { title: t('funds.status'), dataIndex: 'status', render: (v: Agreement['status']) => <Tag color={v === 'ACTIVE' ? 'success' : 'default'}>{t(`funds.agreementStatus.${v}`)}</Tag> },
    { title: t('funds.partyName'), dataIndex: 'entrusted_party_name' },
    { title: t('funds.partyType'), dataIndex: 'entrusted_party_type', render: (v: Agreement['entrusted_party_type']) => t(`funds.partyType_${v}`) },
    { title: t('funds.effectiveTime'), dataIndex: 'effective_time', render: (v: string) => formatDateTime(v) },
    { title: t('funds.expireTime'), dataIndex: 'expire_time', render: (v: string | null) => formatDateTime(v) || '—' },
    {
      title: t('funds.actions'),
      render: (_, a) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDetailId(a.id)}>
            {t('funds.details')}
          </Button>
          {a.status === 'ACTIVE' && me.permissions.includes('BPC_ITEM_FINANCE_030302') && (
            <Button
              type="link"
              size="small"
              danger
              onClick={() =>
                modal.confirm({
                  title: t('funds.invalidate'),
                  content: t('funds.invalidateConfirm', { name: a.entrusted_party_name }),
                  okText: t('common.ok'),
                  cancelText: t('common.cancel'),
                  onOk: () => invalidate.mutateAsync(a.id),
                })
              }
            >
              {t('funds.invalidate')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="agreements">
      <Space style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('funds.status')}
          style={{ width: 140 }}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage((p) => ({ ...p, current: 1 }));
          }}
          options={(['ACTIVE', 'INVALID'] as const).map((v) => ({ value: v, label: t(`funds.agreementStatus.${v}`) }))}
        />
        {me.permissions.includes('BPC_ITEM_FINANCE_030301') && (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="agreement-create">
            {t('funds.createAgreement')}
          </Button>
        )}
      </Space>
      <ErrorAlert error={agreements.error} />
      <Table<Agreement>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={agreements.data?.agreements ?? []}
        loading={agreements.isPending}
        pagination={{ ...page, total: agreements.data?.total_count ?? 0, onChange: (current, pageSize) => setPage({ current, pageSize }) }}
      />
      {creating && <CreateAgreementModal onClose={() => setCreating(false)} />}
      <Modal open={Boolean(detailId)} title={t('funds.agreementDetail')} footer={null} onCancel={() => setDetailId(null)}>
        <ErrorAlert error={detail.error} />
        {detail.data && (
          <Descriptions size="small" column={1}>
            <Descriptions.Item label="ID">{detail.data.id}</Descriptions.Item>
            <Descriptions.Item label={t('funds.agreementType')}>{detail.data.agreement_type}</Descriptions.Item>
            <Descriptions.Item label={t('funds.status')}>{t(`funds.agreementStatus.${detail.data.status}`)}</Descriptions.Item>
            <Descriptions.Item label={t('funds.partyType')}>{t(`funds.partyType_${detail.data.entrusted_party_type}`)}</Descriptions.Item>
            <Descriptions.Item label={t('funds.partyName')}>{detail.data.entrusted_party_name}</Descriptions.Item>
            <Descriptions.Item label={t('funds.partyIdentifier')}>{detail.data.entrusted_party_identifier}</Descriptions.Item>
            <Descriptions.Item label={t('funds.relationship')}>{t(`funds.rel.${detail.data.relationship as (typeof RELATIONSHIPS)[number]}`)}</Descriptions.Item>
            <Descriptions.Item label={t('funds.agreementReason')}>{t(`funds.why.${detail.data.reason as (typeof REASONS)[number]}`)}</Descriptions.Item>
            <Descriptions.Item label={t('funds.effectiveTime')}>{formatDateTime(detail.data.effective_time)}</Descriptions.Item>
            <Descriptions.Item label={t('funds.expireTime')}>{formatDateTime(detail.data.expire_time) || '—'}</Descriptions.Item>
          </Descriptions>
        )}
      </Modal>
    </div>
  );
}
