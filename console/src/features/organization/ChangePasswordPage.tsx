// Shown instead of the console while the user still has an initial (or reset) password: the
// server refuses everything else (HBN.1007) until it is changed.
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors.ts';
import { ErrorCode } from '../../components/ErrorReporter.tsx';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { useChangePassword } from './api.ts';

interface Values {
  old_password: string;
  new_password: string;
  confirm: string;
}

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const error = change.error;
  return (
    <div className="hb-login">
      <header className="hb-login-top">
        <span className="hb-product hb-product-dark">{t('app.productName')}</span>
        <LanguageSwitch />
      </header>
      <main className="hb-login-main">
        <Card className="hb-login-card" data-testid="change-password-page">
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t('org.changePasswordTitle')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('org.changePasswordIntro')}</Typography.Paragraph>
          <Form<Values>
            layout="vertical"
            requiredMark={false}
            disabled={change.isPending}
            onFinish={(v) => change.mutate({ old_password: v.old_password, new_password: v.new_password })}
          >
            <Form.Item name="old_password" label={t('org.oldPassword')} rules={[{ required: true, message: t('org.required') }]}>
              <Input.Password autoComplete="current-password" data-testid="old-password" />
            </Form.Item>
            <Form.Item
              name="new_password"
              label={t('org.newPassword')}
              extra={t('org.passwordRule')}
              rules={[{ required: true, min: 8, max: 32, message: t('org.passwordRule') }]}
            >
              <Input.Password autoComplete="new-password" data-testid="new-password" />
            </Form.Item>
            <Form.Item
              name="confirm"
              label={t('org.confirmPassword')}
              dependencies={['new_password']}
              rules={[
                { required: true, message: t('org.required') },
                ({ getFieldValue }) => ({
                  validator: (_, value) =>
                    value === getFieldValue('new_password') ? Promise.resolve() : Promise.reject(new Error(t('org.passwordMismatch'))),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" data-testid="confirm-password" />
            </Form.Item>
            {error && (
              <Alert
                style={{ marginBottom: 16 }}
                type="error"
                showIcon
                title={error.message}
                description={error instanceof ApiError && error.code ? <ErrorCode code={error.code} /> : undefined}
                data-testid="change-password-error"
              />
            )}
            <Button type="primary" htmlType="submit" block loading={change.isPending} data-testid="change-password-submit">
              {t('org.submitPassword')}
            </Button>
          </Form>
        </Card>
      </main>
    </div>
  );
}
