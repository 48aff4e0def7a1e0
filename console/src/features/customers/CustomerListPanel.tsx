// 客户列表: Huawei's sub-customer query with filters and paging; a master distributor also sees
// its resellers' customers (indirect_partner_id). Export to .xlsx; row actions open dialogs.
import { useState } from 'react';
import { App, Button, DatePicker, Dropdown, Form, Input, Select, Space, Table, Tabs, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.tsx';
import { reportError } from '../../components/ErrorReporter.tsx';
import { formatDateTime } from '../../components/format.ts';
import { exportCustomers, useCustomers, useResellers, type CustomerFilter, type CustomerItem } from './api.ts';
import { AuthorizeDialog, customerLabel, FreezeDialog, FundsDialog, ManagerDialog, PartnerRequestDialog, typeLabel } from './dialogs.tsx';

const apiTime = (d: { toDate(): Date } | null | undefined) => (d ? d.toDate().toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined);

type Action = 'allocate' | 'reclaim' | 'disassociate' | 'switch_type' | 'authorize' | 'manager' | 'freeze';
interface FilterForm {
  account_name?: string;
  association_type?: '1' | '2';
  associated?: [{ toDate(): Date }, { toDate(): Date }] | null;
  label?: string;
  account_manager?: string;
  is_frozen?: number;
}

function toFilter(v: FilterForm, indirectPartnerId?: string): CustomerFilter {
  return {
    account_name: v.account_name?.trim() || undefined,
    association_type: v.association_type,
    associated_on_begin: apiTime(v.associated?.[0]),
    associated_on_end: apiTime(v.associated?.[1]),
    label: v.label?.trim() || undefined,
    account_manager: v.account_manager?.trim() || undefined,
    is_frozen: v.is_frozen,
    indirect_partner_id: indirectPartnerId,
  };
}

function CustomerTable({ indirectPartnerId }: { indirectPartnerId?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const can = (code: string) => me.permissions.includes(code);
  const [form] = Form.useForm<FilterForm>();
  const [filter, setFilter] = useState<CustomerFilter>({ indirect_partner_id: indirectPartnerId });
  const [page, setPage] = useState({ current: 1, pageSize: 10 });
  const customers = useCustomers({ ...filter, indirect_partner_id: indirectPartnerId, offset: (page.current - 1) * page.pageSize, limit: page.pageSize });
  const [open, setOpen] = useState<{ action: Action; customer: CustomerItem } | null>(null);
  const [exporting, setExporting] = useState(false);
  const own = !indirectPartnerId;

  const search = () => {
    setFilter(toFilter(form.getFieldsValue(), indirectPartnerId));
    setPage((p) => ({ ...p, current: 1 }));
  };
  const doExport = async () => {
    setExporting(true);
    try {
      await exportCustomers({ ...filter, indirect_partner_id: indirectPartnerId });
      void message.success(t('customers.exported'));
    } catch (e) {
      reportError(e);
    } finally {
      setExporting(false);
    }
  };

  const actionsFor = (c: CustomerItem) => {
    const resale = c.association_type === '2';
    const direct: { key: Action; label: string }[] = [];
    const more: { key: Action; label: string }[] = [];
    if (own && resale && can('BPC_ITEM_SUBCUSTSERV_010103')) direct.push({ key: 'allocate', label: t('customers.allocate') });
    if (own && resale && can('BPC_ITEM_SUBCUSTSERV_010104')) direct.push({ key: 'reclaim', label: t('customers.reclaim') });
    if (own && can('BPC_ITEM_SUBCUSTSERV_010105')) more.push({ key: 'disassociate', label: t('customers.disassociate') }, { key: 'switch_type', label: t('customers.switchType') });
    if (own && can('BPC_ITEM_SUBCUSTSERV_010301')) more.push({ key: 'authorize', label: t('customers.authorize') });
    if (own && can('BPC_ITEM_SUBCUSTSERV_010100')) more.push({ key: 'manager', label: t('customers.accountManager') });
    if (resale && can(own ? 'BPC_ITEM_SUBCUSTSERV_010115' : 'BPC_ITEM_SUBCUSTSERV_010501'))
      more.push({ key: 'freeze', label: c.is_frozen ? t('customers.unfreeze') : t('customers.freeze') });
    return { direct, more };
  };

  const columns: TableColumnsType<CustomerItem> = [
    { title: t('customers.accountName'), dataIndex: 'account_name', render: (v: string) => <span data-testid="customer-account-name">{v}</span> },
    { title: t('customers.customerName'), dataIndex: 'customer' },
    { title: t('customers.associationType'), dataIndex: 'association_type', render: (v: string) => <Tag color={v === '2' ? 'blue' : 'green'}>{typeLabel(t, v)}</Tag> },
    { title: t('customers.associatedOn'), dataIndex: 'associated_on', render: (v: string) => formatDateTime(v) },
    { title: t('customers.label'), dataIndex: 'label', render: (v: string) => v || '—' },
    { title: t('customers.accountManager'), dataIndex: 'account_managers', render: (v: { account_name: string }[]) => (v.length ? v.map((m) => m.account_name).join(', ') : '—') },
    {
      title: t('customers.frozen'),
      dataIndex: 'is_frozen',
      render: (v: number) => (v ? <Tag color="error">{v === 2 ? t('customers.frozenResources') : t('customers.frozenAccount')}</Tag> : <Tag>{t('customers.notFrozen')}</Tag>),
    },
    {
      title: t('customers.actions'),
      render: (_, c) => {
        const { direct, more } = actionsFor(c);
        return (
          <Space size={0}>
            {direct.map((a) => (
              <Button key={a.key} type="link" size="small" data-testid={`customer-${a.key}`} onClick={() => setOpen({ action: a.key, customer: c })}>
                {a.label}
              </Button>
            ))}
            {more.length > 0 && (
              <Dropdown
                trigger={['click']}
                menu={{
                  items: more.map((a) => ({ key: a.key, label: <span data-testid={`customer-${a.key}`}>{a.label}</span>, danger: a.key === 'disassociate' })),
                  onClick: ({ key }) => setOpen({ action: key as Action, customer: c }),
                }}
              >
                <Button type="link" size="small" data-testid="customer-more">
                  {t('customers.more')}
                </Button>
              </Dropdown>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <Form form={form} layout="inline" onFinish={search} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="account_name" label={t('customers.accountName')} rules={[{ pattern: /^\S*$/, message: t('customers.noSpaces') }]}>
          <Input allowClear style={{ width: 160 }} data-testid="filter-account-name" />
        </Form.Item>
        <Form.Item name="association_type" label={t('customers.associationType')}>
          <Select allowClear style={{ width: 130 }} options={[{ value: '1', label: t('customers.type1') }, { value: '2', label: t('customers.type2') }]} />
        </Form.Item>
        <Form.Item name="associated" label={t('customers.associatedOn')}>
          <DatePicker.RangePicker showTime />
        </Form.Item>
        <Form.Item name="label" label={t('customers.label')}>
          <Input allowClear style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="account_manager" label={t('customers.accountManager')}>
          <Input allowClear style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="is_frozen" label={t('customers.frozen')}>
          <Select
            allowClear
            style={{ width: 150 }}
            options={[
              { value: 0, label: t('customers.notFrozen') },
              { value: 1, label: t('customers.frozenAccount') },
              { value: 2, label: t('customers.frozenResources') },
            ]}
          />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" data-testid="customer-search">
              {t('customers.search')}
            </Button>
            <Button onClick={() => { form.resetFields(); search(); }}>{t('customers.reset')}</Button>
            <Button loading={exporting} onClick={() => void doExport()} data-testid="customer-export">
              {t('customers.export')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
      <Table<CustomerItem>
        rowKey="customer_id"
        columns={columns}
        dataSource={customers.data?.customer_infos ?? []}
        loading={customers.isPending}
        data-testid="customer-table"
        scroll={{ x: 'max-content' }}
        pagination={{ ...page, total: customers.data?.count ?? 0, showSizeChanger: true, onChange: (current, pageSize) => setPage({ current, pageSize }) }}
      />
      {open?.action === 'allocate' && <FundsDialog kind="allocate" customer={open.customer} onClose={() => setOpen(null)} />}
      {open?.action === 'reclaim' && <FundsDialog kind="reclaim" customer={open.customer} onClose={() => setOpen(null)} />}
      {open?.action === 'disassociate' && <PartnerRequestDialog kind="disassociate" customer={open.customer} onClose={() => setOpen(null)} />}
      {open?.action === 'switch_type' && <PartnerRequestDialog kind="switch_type" customer={open.customer} onClose={() => setOpen(null)} />}
      {open?.action === 'authorize' && <AuthorizeDialog customer={open.customer} onClose={() => setOpen(null)} />}
      {open?.action === 'manager' && <ManagerDialog subject={{ kind: 'customer', id: open.customer.customer_id, label: customerLabel(open.customer) }} onClose={() => setOpen(null)} />}
      {open?.action === 'freeze' && <FreezeDialog customer={open.customer} indirectPartnerId={indirectPartnerId} onClose={() => setOpen(null)} />}
    </>
  );
}

function ResellersCustomers() {
  const { t } = useTranslation();
  const resellers = useResellers(true);
  const [resellerId, setResellerId] = useState<string>();
  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        {t('customers.reseller')}
        <Select
          style={{ width: 320 }}
          placeholder={t('customers.pickReseller')}
          loading={resellers.isPending}
          value={resellerId}
          onChange={setResellerId}
          showSearch
          optionFilterProp="label"
          data-testid="reseller-select"
          options={(resellers.data ?? []).map((r) => ({ value: r.indirect_partner_id, label: `${r.name} (${r.account_name})` }))}
        />
      </Space>
      {resellerId && <CustomerTable key={resellerId} indirectPartnerId={resellerId} />}
    </>
  );
}

export function CustomerListPanel() {
  const { t } = useTranslation();
  const me = useSession();
  const master = me.org.partner_type === 'master_distributor' && me.permissions.includes('BPC_ITEM_SUBCUSTSERV_010500');
  if (!master) return <CustomerTable />;
  return (
    <Tabs
      type="card"
      items={[
        { key: 'mine', label: t('customers.myCustomers'), children: <CustomerTable /> },
        { key: 'resellers', label: <span data-testid="resellers-customers-tab">{t('customers.resellersCustomers')}</span>, children: <ResellersCustomers /> },
      ]}
    />
  );
}
