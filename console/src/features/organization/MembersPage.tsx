// 组织成员: personnel (create, assign roles, disable/enable, delete) and roles, as two tabs.
import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tabs, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { currentLang } from '../../i18n/index.ts';
import { RolesPanel } from './RolesPanel.tsx';
import {
  useCreateMember,
  useDeleteMember,
  useMembers,
  useRoles,
  useSetMemberRoles,
  useSetMemberStatus,
  type MemberItem,
  type NewMemberInput,
} from './api.ts';

const roleLabel = (r: { name_zh: string; name_en: string }) => (currentLang() === 'en' ? r.name_en : r.name_zh);

function RoleSelect(props: { value?: string[]; onChange?: (v: string[]) => void }) {
  const roles = useRoles();
  return (
    <Select
      mode="multiple"
      maxCount={3}
      data-testid="member-roles"
      options={(roles.data ?? []).map((r) => ({ value: r.id, label: roleLabel(r) }))}
      optionFilterProp="label"
      {...props}
    />
  );
}

function CreateMemberModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<NewMemberInput>();
  const create = useCreateMember();
  const submit = async () => {
    const v = await form.validateFields();
    create.mutate({ ...v, mobile: v.mobile || undefined, email: v.email || undefined, role_ids: v.role_ids ?? [] }, { onSuccess: onClose });
  };
  return (
    <Modal
      open={open}
      title={t('org.createMember')}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'member-save' } as never}
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="account_name" label={t('org.accountName')} extra={t('org.accountNameFixed')} rules={[{ required: true, message: t('org.required') }]}>
          <Input data-testid="member-account" autoComplete="off" />
        </Form.Item>
        <Form.Item name="display_name" label={t('org.displayName')} rules={[{ required: true, whitespace: true, message: t('org.required') }]}>
          <Input data-testid="member-display-name" />
        </Form.Item>
        <Form.Item name="mobile" label={t('org.mobile')}>
          <Input />
        </Form.Item>
        <Form.Item name="email" label={t('org.email')} rules={[{ type: 'email' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="initial_password" label={t('org.initialPassword')} extra={t('org.passwordRule')} rules={[{ required: true, message: t('org.required') }]}>
          <Input.Password data-testid="member-password" autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="role_ids" label={t('org.roles')}>
          <RoleSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RolesModal({ member, onClose }: { member: MemberItem; onClose: () => void }) {
  const { t } = useTranslation();
  const [roleIds, setRoleIds] = useState(member.roles.map((r) => r.id));
  const save = useSetMemberRoles();
  return (
    <Modal
      open
      title={`${t('org.editRoles')} · ${member.display_name}`}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => save.mutate({ id: member.id, role_ids: roleIds }, { onSuccess: onClose })}
      onCancel={onClose}
    >
      <RoleSelect value={roleIds} onChange={setRoleIds} />
    </Modal>
  );
}

function MembersPanel() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const me = useSession();
  const [page, setPage] = useState({ current: 1, pageSize: 10 });
  const members = useMembers((page.current - 1) * page.pageSize, page.pageSize);
  const setStatus = useSetMemberStatus();
  const remove = useDeleteMember();
  const [creating, setCreating] = useState(false);
  const [assigning, setAssigning] = useState<MemberItem | null>(null);
  const can = (...codes: string[]) => codes.some((c) => me.permissions.includes(c));

  const columns: TableColumnsType<MemberItem> = [
    { title: t('org.displayName'), dataIndex: 'display_name' },
    { title: t('org.accountName'), dataIndex: 'account_name' },
    {
      title: t('org.roles'),
      render: (_, m) => (m.is_main ? <Tag color="gold">{t('org.mainAccount')}</Tag> : m.roles.map((r) => <Tag key={r.id}>{roleLabel(r)}</Tag>)),
    },
    {
      title: t('org.status'),
      render: (_, m) => (m.status === 'active' ? <Tag color="success">{t('org.active')}</Tag> : <Tag>{t('org.disabled')}</Tag>),
    },
    { title: t('org.email'), dataIndex: 'email', render: (v: string | null) => v ?? '—' },
    { title: t('org.time'), dataIndex: 'created_at', render: (v: string) => formatDateTime(v) },
    {
      title: t('org.actions'),
      render: (_, m) =>
        m.is_main || m.id === me.user.id ? null : (
          <Space size={0}>
            {can('BPC_ITEM_ORG_010105', 'BPC_ITEM_OPS_040105') && (
              <Button type="link" size="small" onClick={() => setAssigning(m)}>
                {t('org.editRoles')}
              </Button>
            )}
            {can('BPC_ITEM_ORG_010103', 'BPC_ITEM_OPS_040103') && (
              <Button type="link" size="small" onClick={() => setStatus.mutate({ id: m.id, enable: m.status !== 'active' })}>
                {m.status === 'active' ? t('org.disable') : t('org.enable')}
              </Button>
            )}
            {can('BPC_ITEM_ORG_010104', 'BPC_ITEM_OPS_040104') && (
              <Button
                type="link"
                size="small"
                danger
                onClick={() =>
                  modal.confirm({
                    title: t('org.deleteMemberConfirm', { name: m.display_name }),
                    okType: 'danger',
                    okText: t('org.delete'),
                    cancelText: t('common.cancel'),
                    onOk: () => remove.mutateAsync(m.id),
                  })
                }
              >
                {t('org.delete')}
              </Button>
            )}
          </Space>
        ),
    },
  ];
  return (
    <>
      {can('BPC_ITEM_ORG_010101', 'BPC_ITEM_OPS_040101') && (
        <Button type="primary" style={{ marginBottom: 16 }} onClick={() => setCreating(true)} data-testid="member-create">
          {t('org.createMember')}
        </Button>
      )}
      <Table<MemberItem>
        rowKey="id"
        columns={columns}
        dataSource={members.data?.members ?? []}
        loading={members.isPending}
        pagination={{ ...page, total: members.data?.total_count ?? 0, onChange: (current, pageSize) => setPage({ current, pageSize }) }}
      />
      <CreateMemberModal open={creating} onClose={() => setCreating(false)} />
      {assigning && <RolesModal member={assigning} onClose={() => setAssigning(null)} />}
    </>
  );
}

export function MembersPage() {
  const { t } = useTranslation();
  const me = useSession();
  const canRoles = ['BPC_ITEM_ORG_020100', 'BPC_ITEM_OPS_040200'].some((c) => me.permissions.includes(c));
  const canMembers = ['BPC_ITEM_ORG_010100', 'BPC_ITEM_OPS_040100'].some((c) => me.permissions.includes(c));
  const tabs = [
    ...(canMembers ? [{ key: 'members', label: t('org.membersTab'), children: <MembersPanel /> }] : []),
    ...(canRoles ? [{ key: 'roles', label: <span data-testid="roles-tab">{t('org.rolesTab')}</span>, children: <RolesPanel /> }] : []),
  ];
  return (
    <Card data-testid="members-page">
      <PageHeader title={t('org.membersTab')} />
      <Tabs items={tabs} />
    </Card>
  );
}
