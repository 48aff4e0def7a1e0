// Security settings: bind a TOTP authenticator (otpauth:// URI and key shown once) and turn
// sensitive-operation verification on or off (both need a current code).
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Input, Modal, Space, Switch, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useConfirmTotp, useRemoveTotp, useSecurity, useSetSecurity, useStartTotp, useTotp } from './api.ts';

function askCode(title: string, prompt: string, run: (code: string) => Promise<unknown>) {
  let code = '';
  Modal.confirm({
    title,
    content: <Input autoFocus maxLength={6} placeholder={prompt} onChange={(e) => (code = e.target.value.trim())} data-testid="totp-code-prompt" />,
    onOk: () => run(code),
  });
}

export function SecurityPage() {
  const { t } = useTranslation();
  const me = useSession();
  const security = useSecurity();
  const totp = useTotp();
  const start = useStartTotp();
  const confirm = useConfirmTotp();
  const remove = useRemoveTotp();
  const setSecurity = useSetSecurity();
  const [code, setCode] = useState('');
  const canEdit = ['BPC_ITEM_ORG_050101', 'BPC_ITEM_OPS_040501'].some((c) => me.permissions.includes(c));
  const enrolment = start.data;

  return (
    <Card data-testid="security-page">
      <PageHeader title={t('org.securityTitle')} />
      <Descriptions column={1} bordered style={{ marginTop: 16 }}>
        <Descriptions.Item label={t('org.authenticator')}>
          <Space direction="vertical">
            {totp.data?.bound ? <Tag color="success">{t('org.bound')}</Tag> : <Tag>{t('org.notBound')}</Tag>}
            {!totp.data?.bound && !enrolment && (
              <Button onClick={() => start.mutate(undefined)} loading={start.isPending} data-testid="totp-start">
                {t('org.bind')}
              </Button>
            )}
            {!totp.data?.bound && enrolment && (
              <Space direction="vertical">
                <Typography.Text type="secondary">{t('org.bindIntro')}</Typography.Text>
                <Typography.Text copyable data-testid="totp-uri">
                  {enrolment.otpauth_uri}
                </Typography.Text>
                <Typography.Text>
                  {t('org.secret')}: <Typography.Text code copyable>{enrolment.secret}</Typography.Text>
                </Typography.Text>
                <Space>
                  <Input maxLength={6} placeholder={t('org.code')} value={code} onChange={(e) => setCode(e.target.value.trim())} data-testid="totp-code" />
                  <Button type="primary" loading={confirm.isPending} onClick={() => confirm.mutate(code, { onSuccess: () => start.reset() })} data-testid="totp-confirm">
                    {t('org.confirmBind')}
                  </Button>
                </Space>
              </Space>
            )}
            {totp.data?.bound && (
              <Button danger onClick={() => askCode(t('org.unbind'), t('org.codePrompt'), (c) => remove.mutateAsync(c))}>
                {t('org.unbind')}
              </Button>
            )}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('org.sensitiveVerification')}>
          <Space direction="vertical">
            <Switch
              checked={security.data?.sensitive_operation_verification ?? false}
              disabled={!canEdit || !totp.data?.bound}
              loading={setSecurity.isPending}
              onChange={(enabled) =>
                askCode(t('org.sensitiveVerification'), t('org.codePrompt'), (c) => setSecurity.mutateAsync({ enabled, code: c }))
              }
              data-testid="sensitive-switch"
            />
            <Alert type="info" showIcon title={t('org.sensitiveVerificationHelp')} />
          </Space>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
