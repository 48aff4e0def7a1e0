// Sign-in page: account name + password. Errors show inline, above the button.
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../api/errors.ts';
import { useMe, useSignIn } from '../../api/session.ts';
import { ErrorCode } from '../../components/ErrorReporter.tsx';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';

interface Credentials {
  name: string;
  password: string;
}

/** Only same-site paths are followed after sign-in. */
function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : '/';
}

export function SignInPage() {
  const { t } = useTranslation();
  const me = useMe();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const location = useLocation();
  const target = returnPath(location.state);

  if (me.data) return <Navigate to={target} replace />;

  const onFinish = (values: Credentials) => {
    signIn.mutate(values, { onSuccess: () => navigate(target, { replace: true }) });
  };
  const error = signIn.error;

  return (
    <div className="hb-login">
      <header className="hb-login-top">
        <span className="hb-brand">
          <span className="hb-logo" aria-hidden="true">
            伙
          </span>
          <span className="hb-product hb-product-dark">{t('app.productName')}</span>
        </span>
        <LanguageSwitch />
      </header>
      <main className="hb-login-main">
        <Card className="hb-login-card">
          <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
            {t('login.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
            {t('login.subtitle')}
          </Typography.Paragraph>
          <Form<Credentials> layout="vertical" requiredMark={false} onFinish={onFinish} disabled={signIn.isPending}>
            <Form.Item
              name="name"
              label={t('login.name')}
              rules={[{ required: true, whitespace: true, message: t('login.nameRequired') }]}
            >
              <Input
                size="large"
                autoComplete="username"
                autoFocus
                placeholder={t('login.namePlaceholder')}
                data-testid="login-name"
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('login.passwordRequired') }]}
            >
              <Input.Password
                size="large"
                autoComplete="current-password"
                placeholder={t('login.passwordPlaceholder')}
                data-testid="login-password"
              />
            </Form.Item>
            {error && (
              <div data-testid="login-error" style={{ marginBottom: 16 }}>
                <Alert
                  type="error"
                  showIcon
                  title={error.message || t('login.failed')}
                  description={error instanceof ApiError && error.code ? <ErrorCode code={error.code} /> : undefined}
                />
              </div>
            )}
            <Button
              type="primary"
              htmlType="submit"
              size="large"
              block
              loading={signIn.isPending}
              data-testid="login-submit"
            >
              {t('login.submit')}
            </Button>
          </Form>
        </Card>
      </main>
      <footer className="hb-login-footer">{t('login.footer')}</footer>
    </div>
  );
}
