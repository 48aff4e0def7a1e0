// The public invitation page (/invite/:code, outside the signed-in shell): the partner, the notice
// of the association type, and either registration of a new customer account or, for a signed-in
// customer, acceptance.
import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Descriptions, Form, Input, Result, Space, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/errors.ts';
import { useMe } from '../../api/session.ts';
import { ErrorCode } from '../../components/ErrorReporter.tsx';
import { formatDateTime } from '../../components/format.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { useLang } from '../../i18n/index.ts';
import { useAcceptInvitation, usePublicInvitation, useRegisterThroughInvitation, type RegisterInput } from './api.ts';
import { typeLabel } from './dialogs.tsx';

function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  const e = error instanceof ApiError ? error : null;
  return <div data-testid="invite-error"><Alert type="error" showIcon title={e ? e.message : String(error)} description={e?.code ? <ErrorCode code={e.code} /> : undefined} /></div>;
}

type RegisterForm = Omit<RegisterInput, 'agree_notice'> & { confirm: string };

function RegisterPanel({ code, agreed, onDone }: { code: string; agreed: boolean; onDone: (account: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RegisterForm>();
  const register = useRegisterThroughInvitation();
  const submit = async () => {
    const v = await form.validateFields();
    register.mutate(
      {
        code,
        body: {
          account_name: v.account_name.trim(),
          password: v.password,
          customer_name: v.customer_name.trim(),
          mobile: v.mobile?.trim() || undefined,
          email: v.email?.trim() || undefined,
          agree_notice: agreed,
        },
      },
      { onSuccess: (r) => onDone(r.account_name) },
    );
  };
  return (
    <Form form={form} layout="vertical" onFinish={() => void submit()}>
      <Form.Item name="account_name" label={t('invite.accountName')} extra={t('invite.accountNameRule')} rules={[{ required: true, min: 5, max: 32, message: t('invite.accountNameRule') }]}>
        <Input autoComplete="username" data-testid="invite-account-name" />
      </Form.Item>
      <Form.Item name="password" label={t('invite.password')} extra={t('invite.passwordRule')} rules={[{ required: true, message: t('customers.required') }]}>
        <Input.Password autoComplete="new-password" data-testid="invite-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('invite.confirmPassword')}
        dependencies={['password']}
        rules={[{ required: true, message: t('customers.required') }, ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('invite.passwordMismatch')))) })]}
      >
        <Input.Password autoComplete="new-password" data-testid="invite-confirm-password" />
      </Form.Item>
      <Form.Item name="customer_name" label={t('invite.customerName')} rules={[{ required: true, whitespace: true, message: t('customers.required') }]}>
        <Input data-testid="invite-customer-name" />
      </Form.Item>
      <Form.Item name="mobile" label={t('customers.mobile')} rules={[{ pattern: /^1\d{10}$/, message: t('customers.mobileInvalid') }]}>
        <Input data-testid="invite-mobile" />
      </Form.Item>
      <Form.Item name="email" label={t('customers.email')} rules={[{ type: 'email', message: t('customers.emailInvalid') }]}>
        <Input data-testid="invite-email" />
      </Form.Item>
      <ErrorAlert error={register.error} />
      <Button type="primary" htmlType="submit" block disabled={!agreed} loading={register.isPending} data-testid="invite-register" style={{ marginTop: 12 }}>
        {t('invite.registerAndAssociate')}
      </Button>
    </Form>
  );
}

function AcceptPanel({ code, agreed, onDone }: { code: string; agreed: boolean; onDone: (account: string) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const accept = useAcceptInvitation();
  if (me.isPending) return null;
  if (!me.data)
    return (
      <Space direction="vertical">
        <Typography.Text>{t('invite.signInFirst')}</Typography.Text>
        <Link to="/login" state={{ from: `/invite/${code}` }} data-testid="invite-sign-in">
          <Button type="primary">{t('invite.signIn')}</Button>
        </Link>
      </Space>
    );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text>{t('invite.signedInAs', { name: me.data.user.name, org: me.data.org.name })}</Typography.Text>
      <ErrorAlert error={accept.error} />
      <Button type="primary" disabled={!agreed} loading={accept.isPending} data-testid="invite-accept" onClick={() => accept.mutate(code, { onSuccess: (r) => onDone(r.account_name) })}>
        {t('invite.acceptAndAssociate')}
      </Button>
    </Space>
  );
}

export function InvitePage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { code = '' } = useParams();
  const invitation = usePublicInvitation(code);
  const me = useMe();
  const [agreed, setAgreed] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const inv = invitation.data;
  return (
    <div className="hb-fullpage" style={{ alignItems: 'flex-start', paddingTop: 48, overflow: 'auto' }}>
      <Card style={{ width: 640, maxWidth: '96vw' }} data-testid="invite-page" title={t('invite.title')} extra={<LanguageSwitch />}>
        {invitation.isPending && <Typography.Text type="secondary">{t('app.loading')}</Typography.Text>}
        {invitation.isError && (
          <div data-testid="invite-unusable"><Result
            status="warning"
            title={invitation.error.message}
            subTitle={invitation.error instanceof ApiError ? <ErrorCode code={invitation.error.code} /> : undefined}
           
          /></div>
        )}
        {inv && done && (
          <div data-testid="invite-done"><Result
            status="success"
            title={t('invite.associated', { partner: inv.partner_name })}
            subTitle={t('invite.associatedHelp', { account: done })}
           
            extra={
              <Link to={me.data ? '/' : '/login'} data-testid="invite-continue">
                <Button type="primary">{me.data ? t('invite.toConsole') : t('invite.signIn')}</Button>
              </Link>
            }
          /></div>
        )}
        {inv && !done && (
          <Space direction="vertical" style={{ width: '100%' }} size="middle">
            <Typography.Paragraph>{t('invite.intro', { partner: inv.partner_name, type: typeLabel(t, inv.association_type) })}</Typography.Paragraph>
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t('invite.partner')}>
                <span data-testid="invite-partner">{inv.partner_name}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('customers.associationType')}>
                <span data-testid="invite-type">{typeLabel(t, inv.association_type)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('customers.expiresAt')}>{inv.expires_at ? formatDateTime(inv.expires_at) : t('customers.never')}</Descriptions.Item>
            </Descriptions>
            <Card size="small" title={t('invite.notice')}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', maxHeight: 240, overflow: 'auto', margin: 0 }} data-testid="invite-notice">
                {lang === 'en' ? inv.notice_en : inv.notice_zh}
              </Typography.Paragraph>
            </Card>
            <Checkbox checked={agreed} onChange={(e) => setAgreed(e.target.checked)} data-testid="invite-agree">
              {t('invite.agree')}
            </Checkbox>
            <Tabs
              defaultActiveKey={me.data ? 'existing' : 'new'}
              items={[
                { key: 'new', label: <span data-testid="invite-new-tab">{t('invite.newAccount')}</span>, children: <RegisterPanel code={code} agreed={agreed} onDone={setDone} /> },
                { key: 'existing', label: <span data-testid="invite-existing-tab">{t('invite.existingAccount')}</span>, children: <AcceptPanel code={code} agreed={agreed} onDone={setDone} /> },
              ]}
            />
          </Space>
        )}
      </Card>
    </div>
  );
}
