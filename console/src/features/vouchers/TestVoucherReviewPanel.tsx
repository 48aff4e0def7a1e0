// The vendor's test-voucher desk on the Approvals page (menu vendor.approvals): the review queue
// of applications, approved (amount, validity) or rejected (reason), and the ecosystem manager's
// manual issue of a test voucher to any account (for sub-customers, who cannot apply online).
import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Modal, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../funds/ErrorAlert.tsx';
import { normalizeAmount } from '../funds/money.ts';
import { useApprove, useIssueTestVoucher, useReject, useReviewQueue, type Application } from './api.ts';

function ManualIssueModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const issue = useIssueTestVoucher();
  const [form] = Form.useForm<{ account_id: string; amount: string; valid_days: number; memo?: string }>();
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const amount = normalizeAmount(v.amount)!;
    const confirmed = await modal.confirm({
      title: t('testVoucherDesk.issueByHand'),
      content: t('testVoucherDesk.confirm', { account: v.account_id.trim(), amount, days: v.valid_days }),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'manual-issue-confirm' } as never,
    });
    if (!confirmed) return;
    try {
      const r = await issue.mutateAsync({ account_id: v.account_id.trim(), amount, valid_days: v.valid_days, memo: v.memo?.trim() || undefined });
      void message.success(t('testVoucherDesk.issued', { coupon: r.coupon_id }));
      form.resetFields();
      onClose();
    } catch {
      // shown above the form
    }
  };
  const amountRule = { validator: (_: unknown, v: string | undefined) => (v && normalizeAmount(v) ? Promise.resolve() : Promise.reject(new Error(t('vendorQuotas.amountInvalid')))) };
  return (
    <Modal open={open} title={t('testVoucherDesk.issueByHand')} onCancel={onClose} onOk={submit} okText={t('vouchers.submit')} cancelText={t('common.cancel')} confirmLoading={issue.isPending} okButtonProps={{ 'data-testid': 'manual-issue-submit' } as never} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('testVoucherDesk.issueHint')}</Typography.Paragraph>
      <ErrorAlert error={issue.error} testId="manual-issue-error" />
      <Form form={form} layout="vertical" initialValues={{ valid_days: 90 }}>
        <Form.Item name="account_id" label={t('testVoucherDesk.account')} rules={[{ required: true }]}>
          <Input data-testid="manual-issue-account" />
        </Form.Item>
        <Form.Item name="amount" label={t('testVoucherDesk.amount')} rules={[amountRule]}>
          <Input data-testid="manual-issue-amount" inputMode="decimal" />
        </Form.Item>
        <Form.Item name="valid_days" label={t('testVoucherDesk.validDays')} rules={[{ required: true }]}>
          <InputNumber min={1} max={365} precision={0} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="memo" label={t('testVoucherDesk.memo')}>
          <Input maxLength={256} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function TestVoucherReviewPanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [page, setPage] = useState({ offset: 0, limit: 10 });
  const queue = useReviewQueue(page.offset, page.limit);
  const approve = useApprove();
  const reject = useReject();
  const [target, setTarget] = useState<{ application: Application; action: 'approve' | 'reject' } | null>(null);
  const [form] = Form.useForm<{ amount: number; valid_days: number; reason: string }>();
  const [issuing, setIssuing] = useState(false);
  const submit = async () => {
    if (!target) return;
    const v = await form.validateFields();
    if (target.action === 'approve') await approve.mutateAsync({ id: target.application.id, amount: v.amount.toFixed(2), validDays: v.valid_days });
    else await reject.mutateAsync({ id: target.application.id, reason: v.reason });
    setTarget(null);
    form.resetFields();
    void message.success(t('testVouchers.decided'));
  };
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button data-testid="manual-issue" onClick={() => setIssuing(true)}>
          {t('testVoucherDesk.issueByHand')}
        </Button>
      </Space>
      <ManualIssueModal open={issuing} onClose={() => setIssuing(false)} />
      <Table
        data-testid="test-voucher-review"
        rowKey="id"
        loading={queue.isLoading}
        dataSource={queue.data?.applications ?? []}
        pagination={{ total: queue.data?.total_count ?? 0, pageSize: page.limit, current: page.offset / page.limit + 1, onChange: (p, s) => setPage({ offset: (p - 1) * s, limit: s }) }}
        columns={[
          { title: t('testVouchers.applicant'), render: (_, a) => `${a.org_name} (${a.org_account})` },
          { title: t('testVouchers.type'), dataIndex: 'voucher_type', render: (v: string) => t(`testVouchers.types.${v}` as 'testVouchers.types.cloud_software') },
          { title: t('testVouchers.amount'), dataIndex: 'amount', align: 'right' },
          { title: t('testVoucherDesk.solution'), dataIndex: 'solution', render: (v: string) => v || '—' },
          { title: t('testVouchers.purpose'), dataIndex: 'purpose' },
          { title: t('testVoucherDesk.supplementary'), dataIndex: 'supplementary_reason', render: (v: string | null) => v ?? '—' },
          { title: t('testVouchers.calculatorLink'), dataIndex: 'calculator_link', render: (v: string) => <a href={v} target="_blank" rel="noreferrer">{v}</a> },
          {
            title: t('vouchers.actions'),
            render: (_, a) => (
              <Space>
                <Button type="link" size="small" onClick={() => { form.setFieldsValue({ amount: a.amount, valid_days: 90 }); setTarget({ application: a, action: 'approve' }); }}>
                  {t('testVouchers.approve')}
                </Button>
                <Button type="link" size="small" danger onClick={() => setTarget({ application: a, action: 'reject' })}>
                  {t('testVouchers.reject')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal open={!!target} title={target?.action === 'approve' ? t('testVouchers.approve') : t('testVouchers.reject')} onCancel={() => setTarget(null)} onOk={submit} confirmLoading={approve.isPending || reject.isPending}>
        <Form form={form} layout="vertical">
          {target?.action === 'approve' ? (
            <>
              <Form.Item name="amount" label={t('testVouchers.amount')} rules={[{ required: true }]}>
                <InputNumber min={0.01} precision={2} style={{ width: 200 }} />
              </Form.Item>
              <Form.Item name="valid_days" label={t('testVouchers.validDays')} rules={[{ required: true }]}>
                <InputNumber min={1} max={365} precision={0} style={{ width: 200 }} />
              </Form.Item>
            </>
          ) : (
            <Form.Item name="reason" label={t('testVouchers.reason')} rules={[{ required: true }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
