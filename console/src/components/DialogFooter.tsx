// A dialog's footer: Cancel and the confirming button while the action is open, one Close button
// once it is done. Test ids are `${testId}-confirm` and `${testId}-close`.
import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';

export function DialogFooter({
  testId,
  okText,
  onOk,
  onClose,
  done = false,
  loading,
  disabled,
  danger,
}: {
  testId: string;
  okText: string;
  onOk: () => void;
  onClose: () => void;
  done?: boolean;
  loading?: boolean;
  disabled?: boolean;
  danger?: boolean;
}) {
  const { t } = useTranslation();
  if (done) {
    return (
      <Button type="primary" onClick={onClose} data-testid={`${testId}-close`}>
        {t('common.close')}
      </Button>
    );
  }
  return (
    <Space>
      <Button onClick={onClose}>{t('common.cancel')}</Button>
      <Button type="primary" danger={danger} loading={loading} disabled={disabled} onClick={onOk} data-testid={`${testId}-confirm`}>
        {okText}
      </Button>
    </Space>
  );
}
