// The vendor's product catalog: products with their specifications and list prices; create,
// add or re-price specifications, take products on or off sale.
import { useState } from 'react';
import { App, Button, Card, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { currentLang } from '../../i18n/index.ts';
import { useProducts, useSetProductStatus, type Product, type ProductQuery, type Spec } from './api.ts';
import { ProductModal } from './ProductModal.tsx';
import { SpecModal } from './SpecModal.tsx';

const KINDS = ['cloud_service', 'marketplace', 'stored_value_card'] as const;
const CATEGORIES = ['compute', 'storage', 'network', 'database', 'security', 'software', 'card'] as const;
const price = (v: number | null) => (v === null ? '—' : v.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));

export function CatalogPage() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const [query, setQuery] = useState<ProductQuery>({ offset: 0, limit: 10 });
  const products = useProducts(query);
  const setStatus = useSetProductStatus();
  const [creating, setCreating] = useState(false);
  const [specTarget, setSpecTarget] = useState<{ product: Product; spec?: Spec } | null>(null);
  const name = (p: { name_zh: string; name_en: string }) => (currentLang() === 'en' ? p.name_en : p.name_zh);

  const toggle = (p: Product) => {
    const next = p.status === 'on_sale' ? 'off_sale' : 'on_sale';
    modal.confirm({
      title: next === 'off_sale' ? t('catalog.takeOffSale') : t('catalog.putOnSale'),
      content: t(next === 'off_sale' ? 'catalog.offSaleConfirm' : 'catalog.onSaleConfirm', { name: name(p) }),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      onOk: () => setStatus.mutateAsync({ id: p.id, status: next }).then(() => void message.success(t('catalog.saved'))),
    });
  };

  const specColumns = (product: Product): TableColumnsType<Spec> => [
    { title: t('catalog.colSpecCode'), dataIndex: 'code' },
    { title: t('catalog.colSpecName'), render: (_, s) => name(s) },
    { title: t('catalog.colBillingMode'), render: (_, s) => `${t(`catalog.mode.${s.billing_mode}`)} / ${t(`catalog.unit.${s.price_unit}`)}` },
    { title: t('catalog.colListPrice'), dataIndex: 'list_price', align: 'right', render: price },
    { title: t('catalog.colFloorPrice'), dataIndex: 'floor_price', align: 'right', render: price },
    { title: t('catalog.colStatus'), dataIndex: 'status', render: (s: Spec['status']) => <Tag color={s === 'on_sale' ? 'success' : 'default'}>{t(`catalog.status.${s}`)}</Tag> },
    {
      title: t('catalog.colActions'),
      render: (_, s) => (
        <Button type="link" size="small" onClick={() => setSpecTarget({ product, spec: s })}>
          {t('catalog.editSpec')}
        </Button>
      ),
    },
  ];

  const columns: TableColumnsType<Product> = [
    {
      title: t('catalog.colName'),
      render: (_, p) => (
        <Space>
          {name(p)}
          {p.is_yanxuan && <Tag color="gold">{t('catalog.yanxuan')}</Tag>}
        </Space>
      ),
    },
    { title: t('catalog.colKind'), dataIndex: 'kind', render: (k: Product['kind']) => t(`catalog.kind.${k}`) },
    { title: t('catalog.colCategory'), dataIndex: 'category', render: (c: Product['category']) => t(`catalog.category.${c}`) },
    { title: t('catalog.colServiceType'), dataIndex: 'service_type_code', render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
    { title: t('catalog.colStatus'), dataIndex: 'status', render: (s: Product['status']) => <Tag color={s === 'on_sale' ? 'success' : 'default'}>{t(`catalog.status.${s}`)}</Tag> },
    {
      title: t('catalog.colActions'),
      render: (_, p) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setSpecTarget({ product: p })}>
            {t('catalog.addSpec')}
          </Button>
          <Button type="link" size="small" danger={p.status === 'on_sale'} onClick={() => toggle(p)}>
            {p.status === 'on_sale' ? t('catalog.takeOffSale') : t('catalog.putOnSale')}
          </Button>
        </Space>
      ),
    },
  ];

  const filter = (change: Partial<ProductQuery>) => setQuery((q) => ({ ...q, ...change, offset: 0 }));
  return (
    <Card data-testid="catalog-page">
      <PageHeader
        title={t('catalog.title')}
        description={t('catalog.description')}
        extra={
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('catalog.createProduct')}
          </Button>
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('catalog.keyword')} onSearch={(keyword) => filter({ keyword: keyword || undefined })} style={{ width: 260 }} />
        <Select allowClear placeholder={t('catalog.allKinds')} style={{ width: 160 }} onChange={(kind) => filter({ kind })} options={KINDS.map((k) => ({ value: k, label: t(`catalog.kind.${k}`) }))} />
        <Select allowClear placeholder={t('catalog.allCategories')} style={{ width: 160 }} onChange={(category) => filter({ category })} options={CATEGORIES.map((c) => ({ value: c, label: t(`catalog.category.${c}`) }))} />
        <Select allowClear placeholder={t('catalog.allStatuses')} style={{ width: 140 }} onChange={(status) => filter({ status })} options={(['on_sale', 'off_sale'] as const).map((s) => ({ value: s, label: t(`catalog.status.${s}`) }))} />
      </Space>
      <Table<Product>
        rowKey="id"
        loading={products.isFetching}
        columns={columns}
        dataSource={products.data?.products}
        expandable={{
          expandedRowRender: (p) => <Table<Spec> rowKey="id" size="small" pagination={false} columns={specColumns(p)} dataSource={p.specs} locale={{ emptyText: t('catalog.noSpecs') }} />,
        }}
        pagination={{
          current: Math.floor((query.offset ?? 0) / (query.limit ?? 10)) + 1,
          pageSize: query.limit ?? 10,
          total: products.data?.total_count,
          onChange: (page, pageSize) => setQuery((q) => ({ ...q, offset: (page - 1) * pageSize, limit: pageSize })),
        }}
      />
      <ProductModal open={creating} onClose={() => setCreating(false)} />
      {specTarget && <SpecModal product={specTarget.product} spec={specTarget.spec} onClose={() => setSpecTarget(null)} />}
    </Card>
  );
}
