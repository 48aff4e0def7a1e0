// Shows a new access key once. The secret cannot be fetched again, so the modal insists on it.
import { Alert, Button, Descriptions, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CreatedAccessKey } from '../../api/types.ts';

function downloadCsv(userName: string, key: CreatedAccessKey) {
  // Same columns as the cloud console's credentials.csv, so existing tooling reads it.
  const csv = `User Name,Access Key Id,Secret Access Key\r\n${userName},${key.access},${key.secret}\r\n`;
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'credentials.csv';
  a.click();
  URL.revokeObjectURL(url);
}

export function CreatedKeyModal({
  credential,
  userName,
  onClose,
}: {
  credential: CreatedAccessKey | null;
  userName: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={credential !== null}
      title={t('accessKeys.createdTitle')}
      closable={false}
      maskClosable={false}
      keyboard={false}
      width={600}
      destroyOnHidden
      footer={[
        <Button key="download" onClick={() => credential && downloadCsv(userName, credential)}>
          {t('accessKeys.download')}
        </Button>,
        <Button key="close" type="primary" onClick={onClose} data-testid="access-key-saved">
          {t('accessKeys.savedClose')}
        </Button>,
      ]}
    >
      {credential && (
        <>
          <Alert type="warning" showIcon title={t('accessKeys.secretWarning')} style={{ marginBottom: 16 }} />
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label={t('accessKeys.accessLabel')}>
              <Typography.Text code copyable data-testid="created-access">
                {credential.access}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('accessKeys.secretLabel')}>
              <Typography.Text code copyable data-testid="created-secret" style={{ wordBreak: 'break-all' }}>
                {credential.secret}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        </>
      )}
    </Modal>
  );
}
