// The vendor's review queue of test-voucher applications: approve (amount, validity) or reject
// (reason). Meant for the vendor's Approvals page (menu key vendor.approvals), which several
// workflows share; embed it there.
import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Modal, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApprove, useReject, useReviewQueue, type Application } from './api.ts';

export function TestVoucherReviewPanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [page, setPage] = useState({ offset: 0, limit: 10 });
  const queue = useReviewQueue(page.offset, page.limit);
  const approve = useApprove();
  const reject = useReject();
  const [target, setTarget] = useState<{ application: Application; action: 'approve' | 'reject' } | null>(null);
  const [form] = Form.useForm<{ amount: number; valid_days: number; reason: string }>();
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
          { title: t('testVouchers.purpose'), dataIndex: 'purpose' },
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
                <InputNumber min={1} max={366} precision={0} style={{ width: 200 }} />
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
