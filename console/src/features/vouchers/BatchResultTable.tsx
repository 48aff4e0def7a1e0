// Per-row results of a batch write: what succeeded, and each failure with its code and message.
import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BatchResult } from './api.ts';

export function BatchResultTable({ result }: { result: BatchResult }) {
  const { t } = useTranslation();
  const rows = [
    ...result.ok.map((r) => ({ id: r.id, ok: true, text: r.value })),
    ...result.failed.map((r) => ({ id: r.id, ok: false, text: `${r.error_msg} (${r.error_code})` })),
  ];
  return (
    <Table
      data-testid="batch-result"
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={rows}
      columns={[
        { title: 'ID', dataIndex: 'id' },
        { title: t('vouchers.result'), dataIndex: 'ok', render: (ok: boolean) => <Tag color={ok ? 'success' : 'error'}>{ok ? t('vouchers.succeeded') : t('vouchers.failed')}</Tag> },
        { title: t('vouchers.detail'), dataIndex: 'text' },
      ]}
    />
  );
}
