// Benefits > Test vouchers (权益 > 测试券): apply (type, amount, purpose, price-calculator link,
// solution for software types, a reason when beyond the remaining amount), and the applications
// with their status.
import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Modal, Select, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert } from '../funds/ErrorAlert.tsx';
import { useApplications, useApply, type ApplyBody } from './api.ts';

const TYPES = ['cloud_software', 'advanced_cloud_software', 'basic_software', 'role_selection', 'role_certification', 'support_plan_role', 'differentiation', 'support_plan_differentiation'] as const;
const COLORS = { SUBMITTED: 'processing', APPROVED: 'success', REJECTED: 'error' } as const;
/** Software-partner types are applied for per solution. */
const SOFTWARE: readonly string[] = ['cloud_software', 'advanced_cloud_software', 'basic_software'];

export function TestVouchersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [page, setPage] = useState({ offset: 0, limit: 10 });
  const applications = useApplications(page.offset, page.limit);
  const apply = useApply();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ voucher_type: ApplyBody['voucher_type']; amount: number; purpose: string; calculator_link: string; solution?: string; supplementary_reason?: string }>();
  const voucherType = Form.useWatch('voucher_type', form);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await apply.mutateAsync({ ...v, amount: v.amount.toFixed(2), solution: v.solution?.trim() || undefined, supplementary_reason: v.supplementary_reason?.trim() || undefined });
    } catch {
      return; // the error is shown in the dialog
    }
    setOpen(false);
    form.resetFields();
    void message.success(t('testVouchers.submitted'));
  };
  return (
    <>
      <PageHeader
        title={t('testVouchers.title')}
        description={t('testVouchers.description')}
        extra={
          <Button type="primary" data-testid="apply-test-voucher" onClick={() => setOpen(true)}>
            {t('testVouchers.apply')}
          </Button>
        }
      />
      <Table
        data-testid="applications-table"
        rowKey="id"
        loading={applications.isLoading}
        dataSource={applications.data?.applications ?? []}
        pagination={{ total: applications.data?.total_count ?? 0, pageSize: page.limit, current: page.offset / page.limit + 1, onChange: (p, s) => setPage({ offset: (p - 1) * s, limit: s }) }}
        columns={[
          { title: t('testVouchers.type'), dataIndex: 'voucher_type', render: (v: string) => t(`testVouchers.types.${v}` as 'testVouchers.types.cloud_software') },
          { title: t('testVoucherDesk.solution'), dataIndex: 'solution', render: (v: string) => v || '—' },
          { title: t('testVouchers.amount'), dataIndex: 'amount', align: 'right' },
          { title: t('testVouchers.purpose'), dataIndex: 'purpose' },
          { title: t('testVouchers.status'), dataIndex: 'status', render: (s: keyof typeof COLORS) => <Tag color={COLORS[s]}>{t(`testVouchers.statuses.${s}`)}</Tag> },
          { title: t('testVouchers.reason'), dataIndex: 'decision_reason' },
          { title: t('testVouchers.appliedAt'), dataIndex: 'created_at' },
        ]}
      />
      <Modal open={open} title={t('testVouchers.apply')} onCancel={() => setOpen(false)} onOk={submit} confirmLoading={apply.isPending} okText={t('vouchers.submit')}>
        <ErrorAlert error={apply.error} testId="apply-error" />
        <Form form={form} layout="vertical">
          <Form.Item name="voucher_type" label={t('testVouchers.type')} rules={[{ required: true }]}>
            <Select options={TYPES.map((v) => ({ value: v, label: t(`testVouchers.types.${v}`) }))} />
          </Form.Item>
          {voucherType && SOFTWARE.includes(voucherType) && (
            <Form.Item name="solution" label={t('testVoucherDesk.solution')} rules={[{ required: true }]}>
              <Input maxLength={256} />
            </Form.Item>
          )}
          <Form.Item name="amount" label={t('testVouchers.amount')} rules={[{ required: true }]}>
            <InputNumber min={0.01} precision={2} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="purpose" label={t('testVouchers.purpose')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="calculator_link" label={t('testVouchers.calculatorLink')} extra={t('testVouchers.calculatorHint')} rules={[{ required: true }]}>
            <Input placeholder="https://www.huaweicloud.com/pricing/calculator.html#/share/..." />
          </Form.Item>
          <Form.Item name="supplementary_reason" label={t('testVoucherDesk.supplementary')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
