// Create a product of the catalog.
import { App, Checkbox, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCreateProduct, type NewProduct } from './api.ts';

export function ProductModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewProduct>();
  const create = useCreateProduct();
  const required = [{ required: true, message: t('catalog.required') }];
  const submit = async () => {
    const values = await form.validateFields();
    await create.mutateAsync(values);
    message.success(t('catalog.saved'));
    form.resetFields();
    onClose();
  };
  return (
    <Modal open={open} title={t('catalog.createProduct')} okText={t('common.ok')} cancelText={t('common.cancel')} confirmLoading={create.isPending} onOk={() => void submit().catch(() => {})} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ kind: 'cloud_service', category: 'compute', is_yanxuan: false }}>
        <Form.Item name="kind" label={t('catalog.colKind')} rules={required}>
          <Select options={(['cloud_service', 'marketplace', 'stored_value_card'] as const).map((k) => ({ value: k, label: t(`catalog.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="category" label={t('catalog.colCategory')} rules={required}>
          <Select options={(['compute', 'storage', 'network', 'database', 'security', 'software', 'card'] as const).map((c) => ({ value: c, label: t(`catalog.category.${c}`) }))} />
        </Form.Item>
        <Form.Item name="service_type_code" label={t('catalog.serviceTypeCode')} rules={required}>
          <Input placeholder="hws.service.type.ec2" />
        </Form.Item>
        <Form.Item name="name_zh" label={t('catalog.nameZh')} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="name_en" label={t('catalog.nameEn')} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="is_yanxuan" valuePropName="checked">
          <Checkbox>{t('catalog.isYanxuan')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
