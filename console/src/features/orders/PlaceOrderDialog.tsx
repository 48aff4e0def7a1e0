// Placing an order from the catalog: product, billing mode (yearly, monthly, pay-per-use, or
// one-off goods), specification, period and quantity; for a 严选 product the partner ID the
// customer names. The server prices the order; the preview here is the list price.
import { useMemo, useState } from 'react';
import { Alert, Button, Descriptions, Form, Input, InputNumber, Modal, Radio, Select, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/index.ts';
import { useMyPartner } from '../customers/api.ts';
import { ErrorAlert } from '../funds/ErrorAlert.tsx';
import { useOnSaleProducts, usePlaceOrder, type ConsoleOrder } from './api.ts';
import { money } from './labels.tsx';

type Mode = 'year' | 'month' | 'on_demand' | 'one_off';
type Spec = { id: string; name_zh: string; name_en: string; billing_mode: 'yearly_monthly' | 'on_demand' | 'one_off'; price_unit: 'month' | 'year' | 'hour' | 'one_off'; list_price: number };

const modeOf = (s: Spec): Mode => (s.billing_mode === 'on_demand' ? 'on_demand' : s.billing_mode === 'one_off' ? 'one_off' : (s.price_unit as 'year' | 'month'));
const MODES: Mode[] = ['year', 'month', 'on_demand', 'one_off'];
export const MAX_PERIODS: Record<Mode, number> = { year: 5, month: 11, on_demand: 1, one_off: 1 };

interface Values {
  product_id?: string;
  mode?: Mode;
  spec_id?: string;
  period_num: number;
  subscription_num: number;
  yanxuan_partner_id?: string;
}

export function PlaceOrderDialog({ onClose, onPlaced }: { onClose: () => void; onPlaced: (order: Pick<ConsoleOrder, 'order_id'>) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const products = useOnSaleProducts(true);
  const partner = useMyPartner();
  const place = usePlaceOrder();
  const [form] = Form.useForm<Values>();
  const values = Form.useWatch([], form) as Values | undefined;
  const [error, setError] = useState<unknown>(null);
  const name = (x: { name_zh: string; name_en: string }) => (lang === 'en' ? x.name_en : x.name_zh);

  const product = products.data?.find((p) => p.id === values?.product_id);
  const modes = useMemo(() => MODES.filter((m) => product?.specs.some((s) => modeOf(s) === m)), [product]);
  const specs = (product?.specs ?? []).filter((s) => modeOf(s) === values?.mode);
  const spec = specs.find((s) => s.id === values?.spec_id);
  const mode = values?.mode;
  const periodic = mode === 'year' || mode === 'month';
  // In fen, so that the preview is exact.
  const preview = spec && mode !== 'on_demand' ? (Math.round(spec.list_price * 100) * (periodic ? (values?.period_num ?? 1) : 1) * (values?.subscription_num ?? 1)) / 100 : null;

  const submit = async (v: Values) => {
    setError(null);
    try {
      const placed = await place.mutateAsync({
        order_type: 'new',
        product_id: v.product_id!,
        spec_id: v.spec_id!,
        period_num: periodic ? v.period_num : undefined,
        subscription_num: v.subscription_num,
        yanxuan_partner_id: product?.is_yanxuan ? v.yanxuan_partner_id?.trim() || undefined : undefined,
      });
      onPlaced(placed);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Modal
      open
      width={640}
      title={t('orders.placeTitle')}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={place.isPending} disabled={!spec || mode === 'on_demand'} onClick={() => form.submit()} data-testid="place-submit">
            {t('orders.placeSubmit')}
          </Button>
        </Space>
      }
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ period_num: 1, subscription_num: 1 }} onFinish={(v) => void submit(v)} data-testid="place-dialog">
        <Form.Item name="product_id" label={t('orders.product')} rules={[{ required: true, message: t('orders.required') }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={products.isPending}
            placeholder={t('orders.pickProduct')}
            data-testid="place-product"
            onChange={() => form.setFieldsValue({ mode: undefined, spec_id: undefined })}
            options={(products.data ?? []).map((p) => ({ value: p.id, label: `${name(p)}${p.is_yanxuan ? ' · 严选' : ''}` }))}
          />
        </Form.Item>
        {product && (
          <Form.Item name="mode" label={t('orders.billingMode')} rules={[{ required: true, message: t('orders.required') }]}>
            <Radio.Group onChange={() => form.setFieldsValue({ spec_id: undefined, period_num: 1 })} data-testid="place-mode">
              {modes.map((m) => (
                <Radio.Button key={m} value={m} data-testid={`place-mode-${m}`}>
                  {t(`orders.mode.${m}`)}
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
        )}
        {mode === 'on_demand' && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('orders.onDemandNote')} data-testid="place-on-demand" />}
        {product && mode && mode !== 'on_demand' && (
          <>
            <Form.Item name="spec_id" label={t('orders.spec')} rules={[{ required: true, message: t('orders.required') }]}>
              <Select
                placeholder={t('orders.pickSpec')}
                data-testid="place-spec"
                options={specs.map((s) => ({ value: s.id, label: `${name(s)} · ${money(s.list_price)}/${t(`catalog.unit.${s.price_unit}`)}` }))}
              />
            </Form.Item>
            <Space size="large" wrap>
              {periodic && (
                <Form.Item name="period_num" label={t(mode === 'year' ? 'orders.years' : 'orders.months')} rules={[{ required: true, message: t('orders.required') }]}>
                  <InputNumber min={1} max={MAX_PERIODS[mode]} precision={0} data-testid="place-period" />
                </Form.Item>
              )}
              <Form.Item name="subscription_num" label={t('orders.quantity')} rules={[{ required: true, message: t('orders.required') }]}>
                <InputNumber min={1} max={1000} precision={0} data-testid="place-quantity" />
              </Form.Item>
            </Space>
            {product.is_yanxuan && (
              <Form.Item
                name="yanxuan_partner_id"
                label={
                  <Space>
                    {t('orders.yanxuanPartner')}
                    <Tag color="gold">严选</Tag>
                  </Space>
                }
                extra={
                  <Space size={4} wrap>
                    {t('orders.yanxuanPartnerHelp')}
                    {partner.data?.partner && (
                      <Button type="link" size="small" onClick={() => form.setFieldValue('yanxuan_partner_id', partner.data!.partner!.partner_id)} data-testid="place-use-my-partner">
                        {t('orders.useMyPartner', { partner: partner.data.partner.partner_name })}
                      </Button>
                    )}
                  </Space>
                }
              >
                <Input allowClear maxLength={64} data-testid="place-yanxuan-partner" />
              </Form.Item>
            )}
          </>
        )}
        {preview !== null && (
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('orders.listPricePreview')}>
              <strong data-testid="place-preview">{money(preview)}</strong>
            </Descriptions.Item>
          </Descriptions>
        )}
        <div style={{ marginTop: 12 }}>
          <ErrorAlert error={error} testId="place-error" />
        </div>
      </Form>
    </Modal>
  );
}
