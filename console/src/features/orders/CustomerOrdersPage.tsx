// 客户订单 (menu sales.orders): the customers' orders (a master distributor also its resellers'
// customers'), the last 6 months unless other dates are picked, with the spec's filters, paging,
// .xlsx export and the 严选 price change; and the Order Payment tab (订单支付).
import { useMemo, useState } from 'react';
import { Button, Card, DatePicker, Form, Input, Select, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useResellers } from '../customers/api.ts';
import { ErrorAlert } from '../funds/ErrorAlert.tsx';
import { ordersExportUrl, useOrders, type ConsoleOrder, type OrderFilter } from './api.ts';
import { ORDER_STATUSES, ORDER_TYPES, partyName, statusText, typeText, useOrderColumns } from './labels.tsx';
import { OrderDrawer } from './OrderDrawer.tsx';
import { OrderPaymentPanel } from './OrderPaymentPanel.tsx';
import { YanxuanPriceDialog } from './YanxuanPriceDialog.tsx';

const VIEW = 'BPC_ITEM_SUBCUSTSERV_050100';
const PAYMENT_ITEMS = ['BPC_ITEM_SUBCUSTSERV_050100', 'BPC_ITEM_SUBCUSTSERV_050101', 'BPC_ITEM_SUBCUSTSERV_050103'];
const YANXUAN_PRICE = 'BPC_ITEM_SUBCUSTSERV_050104';

type Day = { toDate(): Date };
interface FilterForm {
  customer?: string;
  order_id?: string;
  status?: number;
  order_type?: number;
  association_type?: '1' | '2';
  created?: [Day, Day] | null;
}

const apiTime = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const ymd = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** The default window: from the start of the day 6 months ago to the end of today (local time). */
function lastSixMonths(): { begin: Date; end: Date } {
  const begin = new Date();
  begin.setMonth(begin.getMonth() - 6);
  begin.setHours(0, 0, 0, 0);
  const end = new Date();
  end.setHours(23, 59, 59, 0);
  return { begin, end };
}

function OrdersTable({ scope, indirectPartnerId }: { scope: 'own' | 'resellers'; indirectPartnerId?: string }) {
  const { t } = useTranslation();
  const orderColumns = useOrderColumns();
  const me = useSession();
  const window6 = useMemo(lastSixMonths, []);
  const [form] = Form.useForm<FilterForm>();
  const base: OrderFilter = { scope, indirect_partner_id: indirectPartnerId, create_time_begin: apiTime(window6.begin), create_time_end: apiTime(window6.end) };
  const [filter, setFilter] = useState<OrderFilter>(base);
  const [page, setPage] = useState({ current: 1, pageSize: 10 });
  const orders = useOrders({ ...filter, scope, indirect_partner_id: indirectPartnerId }, (page.current - 1) * page.pageSize, page.pageSize);
  const [detail, setDetail] = useState<string | null>(null);
  const [repricing, setRepricing] = useState<ConsoleOrder | null>(null);

  const mayReprice = (o: ConsoleOrder) =>
    scope === 'own' && me.permissions.includes(YANXUAN_PRICE) && o.is_yanxuan && o.status === 6 && o.yanxuan_partner_id === me.org.id && o.partner_pay_status !== 'PENDING';

  const search = () => {
    const v = form.getFieldsValue();
    const [from, to] = v.created ?? [];
    setFilter({
      ...base,
      customer: v.customer?.trim() || undefined,
      order_id: v.order_id?.trim() || undefined,
      status: v.status,
      order_type: v.order_type,
      association_type: v.association_type,
      create_time_begin: from ? apiTime(from.toDate()) : base.create_time_begin,
      create_time_end: to ? apiTime(to.toDate()) : base.create_time_end,
    });
    setPage((p) => ({ ...p, current: 1 }));
  };

  const columns: TableColumnsType<ConsoleOrder> = [
    {
      title: t('orders.orderId'),
      dataIndex: 'order_id',
      render: (id: string) => (
        <Typography.Link onClick={() => setDetail(id)} data-testid="order-id">
          {id}
        </Typography.Link>
      ),
    },
    { title: t('orders.customer'), render: (_, o) => partyName(o.customer_name, o.customer_account_name) },
    ...(scope === 'resellers' ? [{ title: t('orders.reseller'), dataIndex: 'partner_name' }] : []),
    { title: t('orders.associationType'), dataIndex: 'association_type', render: (v: string | null) => (v ? <Tag color={v === '2' ? 'blue' : 'green'}>{t(`orders.association.${v as '1' | '2'}`)}</Tag> : '—') },
    ...orderColumns,
    {
      title: t('orders.actions'),
      render: (_, o) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDetail(o.order_id)}>
            {t('orders.details')}
          </Button>
          {mayReprice(o) && (
            <Button type="link" size="small" onClick={() => setRepricing(o)} data-testid="order-reprice">
              {t('orders.changePrice')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Form form={form} layout="inline" onFinish={search} style={{ marginBottom: 8, rowGap: 8 }}>
        <Form.Item name="customer" label={t('orders.customer')}>
          <Input allowClear style={{ width: 170 }} placeholder={t('orders.customerPlaceholder')} data-testid="filter-customer" />
        </Form.Item>
        <Form.Item name="order_id" label={t('orders.orderId')}>
          <Input allowClear style={{ width: 200 }} data-testid="filter-order-id" />
        </Form.Item>
        <Form.Item name="status" label={t('orders.statusLabel')}>
          <Select allowClear style={{ width: 130 }} data-testid="filter-status" options={ORDER_STATUSES.map((s) => ({ value: s, label: statusText(t, s) }))} />
        </Form.Item>
        <Form.Item name="order_type" label={t('orders.orderType')}>
          <Select allowClear style={{ width: 120 }} data-testid="filter-type" options={ORDER_TYPES.map((s) => ({ value: s, label: typeText(t, s) }))} />
        </Form.Item>
        <Form.Item name="association_type" label={t('orders.associationType')}>
          <Select allowClear style={{ width: 130 }} options={(['1', '2'] as const).map((v) => ({ value: v, label: t(`orders.association.${v}`) }))} />
        </Form.Item>
        <Form.Item name="created" label={t('orders.createdAt')}>
          <DatePicker.RangePicker showTime placeholder={[ymd(window6.begin), ymd(window6.end)]} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="orders-search">
            {t('orders.search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              search();
            }}
          >
            {t('orders.reset')}
          </Button>
          <Button href={ordersExportUrl({ ...filter, scope, indirect_partner_id: indirectPartnerId })} data-testid="orders-export">
            {t('orders.export')}
          </Button>
        </Space>
      </Form>
      <Typography.Paragraph type="secondary">{t('orders.windowHint')}</Typography.Paragraph>
      <ErrorAlert error={orders.error} testId="orders-error" />
      <Table<ConsoleOrder>
        rowKey="order_id"
        size="middle"
        columns={columns}
        dataSource={orders.data?.orders ?? []}
        loading={orders.isFetching}
        scroll={{ x: 'max-content' }}
        data-testid="customer-orders-table"
        pagination={{ ...page, total: orders.data?.total_count ?? 0, showSizeChanger: true, onChange: (current, pageSize) => setPage({ current, pageSize }) }}
      />
      <OrderDrawer orderId={detail} onClose={() => setDetail(null)} />
      {repricing && <YanxuanPriceDialog order={repricing} onClose={() => setRepricing(null)} />}
    </>
  );
}

function ResellersOrders() {
  const { t } = useTranslation();
  const resellers = useResellers(true);
  const [resellerId, setResellerId] = useState<string>();
  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        {t('orders.reseller')}
        <Select
          allowClear
          style={{ width: 320 }}
          placeholder={t('orders.allResellers')}
          loading={resellers.isPending}
          value={resellerId}
          onChange={setResellerId}
          showSearch
          optionFilterProp="label"
          data-testid="orders-reseller-select"
          options={(resellers.data ?? []).map((r) => ({ value: r.indirect_partner_id, label: `${r.name} (${r.account_name})` }))}
        />
      </Space>
      <OrdersTable key={resellerId ?? 'all'} scope="resellers" indirectPartnerId={resellerId} />
    </>
  );
}

function OrdersPanel() {
  const { t } = useTranslation();
  const me = useSession();
  if (me.org.partner_type !== 'master_distributor') return <OrdersTable scope="own" />;
  return (
    <Tabs
      type="card"
      items={[
        { key: 'mine', label: <span data-testid="orders-mine-tab">{t('orders.myCustomersOrders')}</span>, children: <OrdersTable scope="own" /> },
        { key: 'resellers', label: <span data-testid="orders-resellers-tab">{t('orders.resellersCustomersOrders')}</span>, children: <ResellersOrders /> },
      ]}
    />
  );
}

export function CustomerOrdersPage() {
  const { t } = useTranslation();
  const me = useSession();
  const [params, setParams] = useSearchParams();
  const can = (...codes: string[]) => codes.some((c) => me.permissions.includes(c));
  const tabs = [
    ...(can(VIEW) ? [{ key: 'orders', label: <span data-testid="orders-tab-orders">{t('orders.partnerTitle')}</span>, children: <OrdersPanel /> }] : []),
    ...(can(...PAYMENT_ITEMS) ? [{ key: 'payment', label: <span data-testid="orders-tab-payment">{t('orders.paymentTab')}</span>, children: <OrderPaymentPanel /> }] : []),
  ];
  const active = tabs.some((x) => x.key === params.get('tab')) ? params.get('tab')! : tabs[0]?.key;
  return (
    <Card data-testid="customer-orders-page">
      <PageHeader title={t('orders.partnerTitle')} description={t('orders.partnerDescription')} />
      <Tabs items={tabs} activeKey={active} destroyOnHidden onChange={(key) => setParams({ tab: key }, { replace: true })} />
    </Card>
  );
}
