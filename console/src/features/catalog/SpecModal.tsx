// Add a specification to a product, or change one's names, prices or status. Amounts are typed as
// text and sent as text, so they reach the server exactly as written.
import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAddSpec, useUpdateSpec, type Product, type Spec } from './api.ts';

const AMOUNT = /^\d{1,13}(\.\d{1,2})?$/;

interface Values {
  code: string;
  name_zh: string;
  name_en: string;
  billing_mode: Spec['billing_mode'];
  price_unit: Spec['price_unit'];
  list_price: string;
  floor_price?: string;
  status: Spec['status'];
}

export function SpecModal({ product, spec, onClose }: { product: Product; spec?: Spec; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const add = useAddSpec();
  const update = useUpdateSpec();
  const required = [{ required: true, message: t('catalog.required') }];
  const amount = [{ pattern: AMOUNT, message: t('catalog.amountInvalid') }];

  const submit = async () => {
    const v = await form.validateFields();
    const floor = product.is_yanxuan ? (v.floor_price ?? null) : null;
    if (spec) {
      await update.mutateAsync({ productId: product.id, specId: spec.id, body: { name_zh: v.name_zh, name_en: v.name_en, list_price: v.list_price, floor_price: floor, status: v.status } });
    } else {
      await add.mutateAsync({ productId: product.id, body: { code: v.code, name_zh: v.name_zh, name_en: v.name_en, billing_mode: v.billing_mode, price_unit: v.price_unit, list_price: v.list_price, floor_price: floor } });
    }
    message.success(t('catalog.saved'));
    onClose();
  };

  return (
    <Modal open title={spec ? t('catalog.editSpec') : t('catalog.addSpec')} okText={t('common.ok')} cancelText={t('common.cancel')} confirmLoading={add.isPending || update.isPending} onOk={() => void submit().catch(() => {})} onCancel={onClose} destroyOnHidden>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          spec
            ? { ...spec, list_price: spec.list_price.toFixed(2), floor_price: spec.floor_price?.toFixed(2) }
            : { billing_mode: 'yearly_monthly', price_unit: 'month', status: 'on_sale' }
        }
      >
        <Form.Item name="code" label={t('catalog.specCode')} rules={spec ? [] : required}>
          <Input disabled={!!spec} maxLength={64} />
        </Form.Item>
        <Form.Item name="name_zh" label={t('catalog.nameZh')} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="name_en" label={t('catalog.nameEn')} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="billing_mode" label={t('catalog.billingMode')} rules={required}>
          <Select disabled={!!spec} options={(['yearly_monthly', 'on_demand', 'one_off'] as const).map((m) => ({ value: m, label: t(`catalog.mode.${m}`) }))} />
        </Form.Item>
        <Form.Item name="price_unit" label={t('catalog.priceUnit')} rules={required}>
          <Select disabled={!!spec} options={(['month', 'year', 'hour', 'one_off'] as const).map((u) => ({ value: u, label: t(`catalog.unit.${u}`) }))} />
        </Form.Item>
        <Form.Item name="list_price" label={t('catalog.listPrice')} rules={[...required, ...amount]}>
          <Input inputMode="decimal" />
        </Form.Item>
        {product.is_yanxuan && (
          <Form.Item name="floor_price" label={t('catalog.floorPrice')} rules={[...required, ...amount]}>
            <Input inputMode="decimal" />
          </Form.Item>
        )}
        {spec && (
          <Form.Item name="status" label={t('catalog.colStatus')}>
            <Select options={(['on_sale', 'off_sale'] as const).map((s) => ({ value: s, label: t(`catalog.status.${s}`) }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
