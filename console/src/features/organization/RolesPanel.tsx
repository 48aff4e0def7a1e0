// Roles tab: system roles (read-only) and custom roles, edited as a permission tree by menu
// (ticking a branch selects every item below it).
import { useMemo, useState } from 'react';
import { App, Button, Form, Input, Modal, Space, Spin, Table, Tag, Tree, type TableColumnsType } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../../i18n/index.ts';
import { useCatalog, useDeleteRole, useRoles, useSaveRole, type CatalogMenu, type RoleItem } from './api.ts';

const label = (x: { name_zh: string; name_en: string }) => (currentLang() === 'en' ? x.name_en : x.name_zh);

function toTree(menus: CatalogMenu[]): DataNode[] {
  type Node = { key: string; name_zh: string; name_en: string; items: { code: string; name_zh: string; name_en: string }[]; children?: Node[] };
  const walk = (nodes: Node[]): DataNode[] =>
    nodes.map((m) => ({
      key: `menu:${m.key}`,
      title: label(m),
      children: [
        ...walk((m.children ?? []) as Node[]),
        ...m.items.map((i) => ({ key: i.code, title: `${label(i).split('-').slice(-2).join(' - ')}`, isLeaf: true })),
      ],
    }));
  return walk(menus as Node[]);
}

function RoleModal({ role, open, onClose }: { role: RoleItem | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const catalog = useCatalog(open);
  const save = useSaveRole();
  const [form] = Form.useForm<{ name: string; description: string }>();
  const [checked, setChecked] = useState<string[]>(role?.items ?? []);
  const tree = useMemo(() => toTree(catalog.data ?? []), [catalog.data]);
  const submit = async () => {
    const values = await form.validateFields();
    const items = checked.filter((k) => !k.startsWith('menu:'));
    save.mutate({ id: role?.id, name: values.name, description: values.description ?? '', items }, { onSuccess: onClose });
  };
  return (
    <Modal
      open={open}
      width={720}
      title={role ? t('org.edit') : t('org.createRole')}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'role-save' } as never}
    >
      <Form form={form} layout="vertical" initialValues={{ name: role?.name_zh ?? '', description: role?.description_zh ?? '' }}>
        <Form.Item name="name" label={t('org.roleName')} rules={[{ required: true, whitespace: true, max: 64, message: t('org.required') }]}>
          <Input data-testid="role-name" />
        </Form.Item>
        <Form.Item name="description" label={t('org.roleDescription')}>
          <Input maxLength={255} />
        </Form.Item>
        <Form.Item label={t('org.permissions')} required>
          <div data-testid="permission-tree" style={{ maxHeight: 360, overflow: 'auto', border: '1px solid #f0f0f0', padding: 8 }}>
            {/* Mounted once the catalogue is here, so that defaultExpandAll sees the whole tree. */}
            {tree.length === 0 ? (
              <Spin />
            ) : (
            <Tree
              checkable
              defaultExpandAll
              treeData={tree}
              checkedKeys={checked}
              onCheck={(keys) => setChecked((Array.isArray(keys) ? keys : keys.checked).map(String))}
            />
            )}
          </div>
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function RolesPanel() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const roles = useRoles();
  const remove = useDeleteRole();
  const [editing, setEditing] = useState<{ role: RoleItem | null } | null>(null);
  const columns: TableColumnsType<RoleItem> = [
    { title: t('org.roleName'), render: (_, r) => label(r) },
    { title: t('org.roleDescription'), render: (_, r) => (currentLang() === 'en' ? r.description_en : r.description_zh) || '—' },
    { title: t('org.roles'), render: (_, r) => (r.system ? <Tag color="blue">{t('org.systemRole')}</Tag> : <Tag>{t('org.customRole')}</Tag>) },
    { title: t('org.memberCount'), dataIndex: 'member_count' },
    {
      title: t('org.actions'),
      render: (_, r) =>
        r.system ? null : (
          <Space>
            <Button size="small" type="link" onClick={() => setEditing({ role: r })}>
              {t('org.edit')}
            </Button>
            <Button
              size="small"
              type="link"
              danger
              onClick={() =>
                modal.confirm({
                  title: t('org.deleteRoleConfirm', { name: r.name_zh }),
                  okType: 'danger',
                  okText: t('org.delete'),
                  cancelText: t('common.cancel'),
                  onOk: () => remove.mutateAsync(r.id),
                })
              }
            >
              {t('org.delete')}
            </Button>
          </Space>
        ),
    },
  ];
  return (
    <>
      <Button type="primary" style={{ marginBottom: 16 }} onClick={() => setEditing({ role: null })} data-testid="role-create">
        {t('org.createRole')}
      </Button>
      <Table<RoleItem> rowKey="id" columns={columns} dataSource={roles.data ?? []} loading={roles.isPending} pagination={false} />
      {editing && <RoleModal role={editing.role} open onClose={() => setEditing(null)} />}
    </>
  );
}
