// Access keys (AK/SK) of the signed-in account: list, create (secret shown once), delete.
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AccessKeyItem, CreatedAccessKey } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useAccessKeys, useCreateAccessKey, useDeleteAccessKey } from './api.ts';
import { CreatedKeyModal } from './CreatedKeyModal.tsx';

const DESCRIPTION_MAX = 255;

function CreateKeyModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (c: CreatedAccessKey) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ description: string }>();
  const create = useCreateAccessKey();
  const submit = async () => {
    const { description } = await form.validateFields();
    create.mutate(description?.trim() ?? '', {
      onSuccess: (credential) => {
        form.resetFields();
        onCreated(credential);
      },
    });
  };
  return (
    <Modal
      open={open}
      title={t('accessKeys.createTitle')}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="description"
          label={t('accessKeys.descriptionLabel')}
          rules={[{ max: DESCRIPTION_MAX, message: t('accessKeys.descriptionTooLong', { max: DESCRIPTION_MAX }) }]}
        >
          <Input.TextArea
            rows={3}
            showCount
            maxLength={DESCRIPTION_MAX}
            placeholder={t('accessKeys.descriptionPlaceholder')}
            data-testid="access-key-description"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function AccessKeysPage() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const me = useSession();
  const keys = useAccessKeys();
  const remove = useDeleteAccessKey();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedAccessKey | null>(null);

  const confirmDelete = (access: string) =>
    modal.confirm({
      title: t('accessKeys.deleteTitle'),
      content: t('accessKeys.deleteConfirm', { access }),
      okText: t('accessKeys.delete'),
      okType: 'danger',
      cancelText: t('common.cancel'),
      // Returning the promise keeps the dialog open (loading) until the server answers.
      onOk: () => remove.mutateAsync(access).then(() => void message.success(t('accessKeys.deleted'))),
    });

  const columns: TableColumnsType<AccessKeyItem> = [
    {
      title: t('accessKeys.colAccess'),
      dataIndex: 'access',
      render: (access: string) => <Typography.Text copyable>{access}</Typography.Text>,
    },
    { title: t('accessKeys.colDescription'), dataIndex: 'description', render: (d: string) => d || '—' },
    {
      title: t('accessKeys.colStatus'),
      dataIndex: 'status',
      render: (status: string) =>
        status === 'active' ? (
          <Tag color="success">{t('accessKeys.statusActive')}</Tag>
        ) : (
          <Tag>{t('accessKeys.statusInactive')}</Tag>
        ),
    },
    { title: t('accessKeys.colCreatedAt'), dataIndex: 'created_at', render: (v: string) => formatDateTime(v) },
    {
      title: t('accessKeys.colLastUsedAt'),
      dataIndex: 'last_used_at',
      render: (v: string | null) => (v ? formatDateTime(v) : <Typography.Text type="secondary">{t('accessKeys.never')}</Typography.Text>),
    },
    {
      title: t('accessKeys.colActions'),
      key: 'actions',
      render: (_, row) => (
        <Button type="link" danger size="small" onClick={() => confirmDelete(row.access)}>
          {t('accessKeys.delete')}
        </Button>
      ),
    },
  ];

  return (
    <Card data-testid="access-keys-page">
      <PageHeader
        title={t('accessKeys.title')}
        extra={
          <Button type="primary" onClick={() => setCreating(true)} data-testid="access-key-create">
            {t('accessKeys.create')}
          </Button>
        }
      />
      <Alert type="info" showIcon title={t('accessKeys.description')} style={{ margin: '16px 0' }} />
      <Table<AccessKeyItem>
        rowKey="access"
        columns={columns}
        dataSource={keys.data ?? []}
        loading={keys.isPending}
        pagination={false}
        locale={{ emptyText: t('accessKeys.empty') }}
      />
      <CreateKeyModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(credential) => {
          setCreating(false);
          setCreated(credential);
        }}
      />
      <CreatedKeyModal credential={created} userName={me.user.name} onClose={() => setCreated(null)} />
    </Card>
  );
}
