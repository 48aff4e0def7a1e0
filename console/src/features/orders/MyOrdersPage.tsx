// 我的订单 (menu customer.orders): the customer's orders with status and type filters and paging,
// each order's details, placing an order from the catalog, and the actions each state allows:
// pay, ask the partner to pay (or withdraw that), cancel, unsubscribe, renew or change the
// specification of a paid order still in effect.
import { useState } from 'react';
import { Button, Card, Form, Select, Space, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert } from '../funds/ErrorAlert.tsx';
import { useMyBalance, useOrders, type ConsoleOrder, type FullOrder, type OrderFilter } from './api.ts';
import { AskPartnerDialog, CancelOrderDialog, PayDialog, UnsubscribeDialog, WithdrawApplicationDialog } from './CustomerDialogs.tsx';
import { money, ORDER_STATUSES, ORDER_TYPES, statusText, typeText, useOrderColumns } from './labels.tsx';
import { OrderDrawer } from './OrderDrawer.tsx';
import { PlaceOrderDialog } from './PlaceOrderDialog.tsx';
import { ChangeSpecDialog, RenewDialog, renewable } from './RenewChangeDialogs.tsx';

type Action = 'pay' | 'ask' | 'withdraw' | 'cancel' | 'renew' | 'change' | 'unsubscribe';
type Order = ConsoleOrder | FullOrder;

/** What the customer may do with an order in its current state. */
function actionsFor(o: Order, can: (code: string) => boolean): Action[] {
  const out: Action[] = [];
  const buy = can('BPC_ITEM_MYORDER_010101');
  if (o.status === 6) {
    if (buy) out.push('pay');
    if (o.partner_pay_status === null && o.product_kind !== 'stored_value_card' && can('BPC_ITEM_MYORDER_010102')) out.push('ask');
    if (o.partner_pay_status === 'PENDING' && can('BPC_ITEM_MYORDER_010102')) out.push('withdraw');
    if (buy) out.push('cancel');
  }
  if (buy && renewable(o)) out.push('renew', 'change');
  if (o.status === 5 && buy && (o.order_type === 1 || o.order_type === 2) && !o.unsubscribed_by_order_id) out.push('unsubscribe');
  return out;
}

export function MyOrdersPage() {
  const { t } = useTranslation();
  const me = useSession();
  const can = (code: string) => me.permissions.includes(code);
  const [form] = Form.useForm<{ status?: number; order_type?: number }>();
  const [filter, setFilter] = useState<OrderFilter>({});
  const [page, setPage] = useState({ current: 1, pageSize: 10 });
  const orders = useOrders(filter, (page.current - 1) * page.pageSize, page.pageSize);
  const balance = useMyBalance(true);
  const [detail, setDetail] = useState<string | null>(null);
  const [placing, setPlacing] = useState(false);
  const [open, setOpen] = useState<{ action: Action; order: Order } | null>(null);
  const orderColumns = useOrderColumns();
  const placed = (o: { order_id: string }) => {
    setOpen(null);
    setDetail(o.order_id);
  };

  const actionLabel: Record<Action, string> = {
    pay: t('orders.pay'),
    ask: t('orders.askPartner'),
    withdraw: t('orders.withdraw'),
    cancel: t('orders.cancelOrder'),
    renew: t('orders.renew'),
    change: t('orders.changeSpec'),
    unsubscribe: t('orders.unsubscribe'),
  };
  const actionButtons = (o: Order, size: 'small' | 'middle' = 'small') =>
    actionsFor(o, can).map((a) => (
      <Button key={a} size={size} type={size === 'small' ? 'link' : a === 'pay' ? 'primary' : 'default'} danger={a === 'cancel' || a === 'unsubscribe'} onClick={() => setOpen({ action: a, order: o })} data-testid={`order-${a}`}>
        {actionLabel[a]}
      </Button>
    ));

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
    ...orderColumns,
    { title: t('orders.deadline'), dataIndex: 'pending_payment_end_time', render: (v: string | null, o) => (o.status === 6 ? formatDateTime(v) : '—') },
    { title: t('orders.actions'), render: (_, o) => <Space size={0}>{actionButtons(o)}</Space> },
  ];

  const search = () => {
    const v = form.getFieldsValue();
    setFilter({ status: v.status, order_type: v.order_type });
    setPage((p) => ({ ...p, current: 1 }));
  };

  return (
    <Card data-testid="my-orders-page">
      <PageHeader
        title={t('orders.myTitle')}
        description={t('orders.myDescription')}
        extra={
          <Space size="large" align="center">
            <Statistic title={t('orders.balance')} value={balance.data ? money(balance.data.balance) : '—'} valueRender={(v) => <span data-testid="my-balance">{v}</span>} />
            {can('BPC_ITEM_MYORDER_010101') && (
              <Button type="primary" onClick={() => setPlacing(true)} data-testid="place-order">
                {t('orders.placeOrder')}
              </Button>
            )}
          </Space>
        }
      />
      <Form form={form} layout="inline" onFinish={search} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="status" label={t('orders.statusLabel')}>
          <Select allowClear style={{ width: 140 }} data-testid="filter-status" options={ORDER_STATUSES.map((s) => ({ value: s, label: statusText(t, s) }))} />
        </Form.Item>
        <Form.Item name="order_type" label={t('orders.orderType')}>
          <Select allowClear style={{ width: 140 }} data-testid="filter-type" options={ORDER_TYPES.map((s) => ({ value: s, label: typeText(t, s) }))} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="orders-search">
            {t('orders.search')}
          </Button>
          <Button onClick={() => { form.resetFields(); search(); }}>{t('orders.reset')}</Button>
        </Space>
      </Form>
      <ErrorAlert error={orders.error} testId="orders-error" />
      <Table<ConsoleOrder>
        rowKey="order_id"
        size="middle"
        columns={columns}
        dataSource={orders.data?.orders ?? []}
        loading={orders.isFetching}
        scroll={{ x: 'max-content' }}
        data-testid="my-orders-table"
        pagination={{ ...page, total: orders.data?.total_count ?? 0, showSizeChanger: true, onChange: (current, pageSize) => setPage({ current, pageSize }) }}
      />
      <OrderDrawer orderId={detail} onClose={() => setDetail(null)} actions={(o) => <Space>{actionButtons(o, 'middle')}</Space>} />
      {placing && (
        <PlaceOrderDialog
          onClose={() => setPlacing(false)}
          onPlaced={(o) => {
            setPlacing(false);
            setDetail(o.order_id);
          }}
        />
      )}
      {open?.action === 'pay' && <PayDialog order={open.order} onClose={() => setOpen(null)} />}
      {open?.action === 'ask' && <AskPartnerDialog order={open.order} onClose={() => setOpen(null)} />}
      {open?.action === 'withdraw' && <WithdrawApplicationDialog order={open.order} onClose={() => setOpen(null)} />}
      {open?.action === 'cancel' && <CancelOrderDialog order={open.order} onClose={() => setOpen(null)} />}
      {open?.action === 'renew' && <RenewDialog order={open.order} onClose={() => setOpen(null)} onPlaced={placed} />}
      {open?.action === 'change' && <ChangeSpecDialog order={open.order} onClose={() => setOpen(null)} onPlaced={placed} />}
      {open?.action === 'unsubscribe' && <UnsubscribeDialog order={open.order} onClose={() => setOpen(null)} />}
    </Card>
  );
}
