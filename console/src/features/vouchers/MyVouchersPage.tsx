// The customer's vouchers (menu customer.vouchers, 费用中心 > 优惠券): the vouchers and cash
// coupons it holds within the query window, with type, balance, validity and restrictions; and,
// for an account that may apply, its test-voucher applications.
import { useState } from 'react';
import { Card, Select, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert } from '../funds/ErrorAlert.tsx';
import { yuanText } from '../funds/money.ts';
import { useMyCoupons, useServiceTypes, type MyCoupon } from './api.ts';
import { ratioTextToPercent } from './ratio.ts';
import { TestVouchersPage } from './TestVouchersPage.tsx';

const STATUS_COLOR: Record<number, string> = { 1: 'default', 2: 'success', 3: 'default', 4: 'warning', 5: 'default' };

/** The coupon's use_limits in words. */
function Restrictions({ coupon }: { coupon: MyCoupon }) {
  const { t } = useTranslation();
  const serviceTypes = useServiceTypes();
  const name = (code: string) => serviceTypes.data?.service_types.find((s) => s.service_type_code === code)?.service_type_name ?? code;
  const tags = coupon.use_limits.flatMap((l) => {
    switch (l.limit_key) {
      case 'cycleType':
        return [t(l.value1 === '5' ? 'myVouchers.payPerUse' : 'myVouchers.general')];
      case 'serviceType':
        return [name(l.value1)];
      case 'productId':
        return [l.value1];
      case 'maxPeriodMonths':
        return [t('myVouchers.maxPeriod', { months: l.value1 })];
      case 'simultaneousUseWithEmpowerDiscount':
        return l.value1 === '0' ? [t('myVouchers.noDiscountCombination')] : [];
      case 'usageRatio':
        return [t('myVouchers.usageRatio', { percent: ratioTextToPercent(l.value1) })];
      default:
        return [];
    }
  });
  return (
    <Space size={[4, 4]} wrap>
      {tags.map((text) => (
        <Tag key={text}>{text}</Tag>
      ))}
    </Space>
  );
}

function CouponsPanel() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<{ coupon_type?: number; status?: number }>({});
  const [page, setPage] = useState({ current: 1, pageSize: 10 });
  const coupons = useMyCoupons(filter, (page.current - 1) * page.pageSize, page.pageSize);
  const columns: TableColumnsType<MyCoupon> = [
    { title: t('myVouchers.couponId'), dataIndex: 'coupon_id' },
    { title: t('myVouchers.type'), dataIndex: 'coupon_type', render: (v: number) => <Tag color={v === 4 ? 'gold' : 'blue'}>{t(v === 4 ? 'myVouchers.type4' : 'myVouchers.type1')}</Tag> },
    { title: t('myVouchers.faceValue'), dataIndex: 'face_value', align: 'right', render: (v: number) => yuanText(v) },
    { title: t('myVouchers.balance'), dataIndex: 'balance', align: 'right', render: (v: number) => <span data-testid="coupon-balance">{yuanText(v)}</span> },
    { title: t('myVouchers.validity'), render: (_, c) => `${formatDateTime(c.valid_time)} ~ ${formatDateTime(c.expire_time)}` },
    { title: t('myVouchers.status'), dataIndex: 'status', render: (s: number) => <Tag color={STATUS_COLOR[s]}>{t(`vouchers.couponStatus.${s}` as 'vouchers.couponStatus.1')}</Tag> },
    { title: t('myVouchers.restrictions'), render: (_, c) => <Restrictions coupon={c} /> },
    { title: t('myVouchers.source'), dataIndex: 'coupon_usage', render: (v: string) => t(v === 'TEST_VOUCHER' ? 'myVouchers.sourceTest' : 'myVouchers.sourcePartner') },
    { title: t('myVouchers.lastOrder'), dataIndex: 'order_id', render: (v: string) => v || '—' },
  ];
  const refilter = (patch: Partial<typeof filter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setPage((p) => ({ ...p, current: 1 }));
  };
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('myVouchers.allTypes')}
          options={[{ value: 1, label: t('myVouchers.type1') }, { value: 4, label: t('myVouchers.type4') }]}
          onChange={(v: number | undefined) => refilter({ coupon_type: v })}
        />
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('myVouchers.allStatuses')}
          options={[1, 2, 3, 4, 5].map((s) => ({ value: s, label: t(`vouchers.couponStatus.${s}` as 'vouchers.couponStatus.1') }))}
          onChange={(v: number | undefined) => refilter({ status: v })}
        />
        <Typography.Text type="secondary">{t('myVouchers.notMarketplace')}</Typography.Text>
      </Space>
      <ErrorAlert error={coupons.error} testId="my-coupons-error" />
      <Table<MyCoupon>
        data-testid="my-coupons"
        rowKey="coupon_id"
        size="small"
        loading={coupons.isPending}
        dataSource={coupons.data?.user_coupons ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        pagination={{ ...page, total: coupons.data?.count ?? 0, onChange: (current, pageSize) => setPage({ current, pageSize }) }}
      />
    </>
  );
}

export function MyVouchersPage() {
  const { t } = useTranslation();
  const me = useSession();
  const tabs = [
    { key: 'coupons', label: t('myVouchers.tabVouchers'), children: <CouponsPanel /> },
    ...(me.permissions.includes('BPC_ITEM_MYCOUPON_010101') ? [{ key: 'test-vouchers', label: t('myVouchers.tabTestVouchers'), children: <TestVouchersPage /> }] : []),
  ];
  return (
    <Card data-testid="my-vouchers-page">
      <PageHeader title={t('myVouchers.title')} description={t('myVouchers.description')} />
      <Tabs items={tabs} destroyOnHidden />
    </Card>
  );
}
