// Row-action dialogs of the customer list: account check + request (disassociate / switch type),
// allocate / reclaim, freeze / unfreeze, account manager with history (also used for cloud
// resellers), on-behalf authorization.
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Checkbox, Descriptions, Form, Input, InputNumber, List, Modal, Result, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorCode } from '../../components/ErrorReporter.tsx';
import { formatDateTime } from '../../components/format.ts';
import { ApiError } from '../../api/errors.ts';
import { useSession } from '../../app/session.tsx';
import { isAmountText } from './amount.ts';
import {
  useAccountCheck,
  useAssignManager,
  useCustomerBalance,
  useFreeze,
  useManagerCandidates,
  useManagerHistory,
  useMoveFunds,
  usePartnerAuthorizations,
  usePartnerRequest,
  useRequestAuthorization,
  useWithdrawAuthorization,
  useWithdrawManager,
  type AuthorizationScope,
  type Blocker,
  type CustomerItem,
  type ManagedKind,
  type ManagedSubject,
} from './api.ts';

const SCOPES: AuthorizationScope[] = ['manage_resources', 'purchase', 'operate', 'security', 'view_account'];

export function customerLabel(c: { customer: string; account_name: string }) {
  return c.customer ? `${c.customer} (${c.account_name})` : c.account_name;
}

/** Blockers of an account check, each with its code; the server's message says what to do. */
export function BlockerList({ blockers }: { blockers: Blocker[] }) {
  const { t } = useTranslation();
  if (blockers.length === 0) return <div data-testid="account-check-passed"><Alert type="success" showIcon title={t('customers.checkPassed')} /></div>;
  return (
    <>
      <Alert type="error" showIcon title={t('customers.checkFailed', { count: blockers.length })} />
      <div data-testid="account-check-blockers"><List
        size="small"
        dataSource={blockers}
        renderItem={(b) => (
          <List.Item data-testid={`blocker-${b.code}`}>
            <Space direction="vertical" size={0}>
              <Typography.Text>{b.message}</Typography.Text>
              <ErrorCode code={b.code} />
            </Space>
          </List.Item>
        )}
      /></div>
    </>
  );
}

/** Disassociate or switch type: the account check first, then the reason and a confirmation. */
export function PartnerRequestDialog({ customer, kind, onClose }: { customer: CustomerItem; kind: 'disassociate' | 'switch_type'; onClose: () => void }) {
  const { t } = useTranslation();
  const check = useAccountCheck();
  const submit = usePartnerRequest();
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const { mutate } = check;
  useEffect(() => mutate({ customerId: customer.customer_id, kind }), [mutate, customer.customer_id, kind]);
  const title = kind === 'disassociate' ? t('customers.disassociate') : t('customers.switchType');
  const target = kind === 'switch_type' ? typeLabel(t, customer.association_type === '1' ? '2' : '1') : '';
  const passed = check.data?.passed === true;
  return (
    <Modal
      open
      title={`${title} · ${customerLabel(customer)}`}
      onCancel={onClose}
      footer={
        done
          ? [<Button key="close" onClick={onClose} data-testid="partner-request-close">{t('common.close')}</Button>]
          : [
              <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
              <Button
                key="ok"
                type="primary"
                danger
                disabled={!passed || !reason.trim()}
                loading={submit.isPending}
                data-testid="partner-request-submit"
                onClick={() => setConfirming(true)}
              >
                {t('customers.submitRequest')}
              </Button>,
            ]
      }
    >
      {done ? (
        <div data-testid="partner-request-done"><Result status="success" title={t('customers.requestSent')} subTitle={t('customers.requestSentHelp')} /></div>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary">
            {kind === 'disassociate' ? t('customers.disassociateHelp') : t('customers.switchTypeHelp', { from: typeLabel(t, customer.association_type), to: target })}
          </Typography.Paragraph>
          <Typography.Text strong>{t('customers.accountCheck')}</Typography.Text>
          {check.isPending && <Typography.Text type="secondary">{t('app.loading')}</Typography.Text>}
          {check.data && <BlockerList blockers={check.data.blockers} />}
          {passed && (
            <Form layout="vertical">
              <Form.Item label={t('customers.reason')} required>
                <Input.TextArea rows={3} maxLength={512} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="partner-request-reason" />
              </Form.Item>
            </Form>
          )}
        </Space>
      )}
      <Modal
        open={confirming}
        title={t('customers.confirmTitle')}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true, 'data-testid': 'partner-request-confirm' } as never}
        confirmLoading={submit.isPending}
        onCancel={() => setConfirming(false)}
        onOk={() =>
          submit.mutate(
            { customerId: customer.customer_id, kind, reason: reason.trim() },
            { onSuccess: (r) => { setDone(r.id); setConfirming(false); }, onError: () => setConfirming(false) },
          )
        }
      >
        {kind === 'disassociate'
          ? t('customers.confirmDisassociate', { customer: customerLabel(customer) })
          : t('customers.confirmSwitch', { customer: customerLabel(customer), from: typeLabel(t, customer.association_type), to: target })}
      </Modal>
    </Modal>
  );
}

export function typeLabel(t: (k: 'customers.type1' | 'customers.type2') => string, type: string) {
  return type === '1' ? t('customers.type1') : t('customers.type2');
}

/** Allocate to or reclaim from a resale customer: amount as text, confirmation, transaction id. */
export function FundsDialog({ customer, kind, onClose }: { customer: CustomerItem; kind: 'allocate' | 'reclaim'; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useSession();
  const move = useMoveFunds();
  const balance = useCustomerBalance(customer.customer_id);
  const token = useMemo(() => crypto.randomUUID(), []);
  const [amount, setAmount] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [transId, setTransId] = useState<string | null>(null);
  // Set when the server asks for a one-time code (HBN.2021 missing, HBN.2022 wrong).
  const [needCode, setNeedCode] = useState(false);
  const [code, setCode] = useState('');
  const valid = isAmountText(amount);
  const title = kind === 'allocate' ? t('customers.allocate') : t('customers.reclaim');
  const from = kind === 'allocate' ? me.org.name : customerLabel(customer);
  const to = kind === 'allocate' ? customerLabel(customer) : me.org.name;
  return (
    <Modal
      open
      title={`${title} · ${customerLabel(customer)}`}
      onCancel={onClose}
      footer={
        transId
          ? [<Button key="close" onClick={onClose} data-testid="funds-close">{t('common.close')}</Button>]
          : [
              <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
              <Button key="ok" type="primary" disabled={!valid} data-testid="funds-submit" onClick={() => setConfirming(true)}>
                {title}
              </Button>,
            ]
      }
    >
      {transId ? (
        <div data-testid="funds-trans-id"><Result
          status="success"
          title={t('customers.fundsDone', { amount: amount.trim() })}
          subTitle={<span>{t('customers.transactionId', { id: transId })}</span>}
        /></div>
      ) : (
        <Form layout="vertical">
          <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('customers.customer')}>{customerLabel(customer)}</Descriptions.Item>
            <Descriptions.Item label={t('customers.customerBalance')}>
              {balance.data ? `¥${balance.data.amount.toFixed(2)}` : balance.isError ? '—' : t('app.loading')}
            </Descriptions.Item>
          </Descriptions>
          <Form.Item
            label={t('customers.amountYuan')}
            required
            validateStatus={amount && !valid ? 'error' : undefined}
            help={amount && !valid ? t('customers.amountInvalid') : undefined}
          >
            <Input prefix="¥" value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" data-testid="funds-amount" />
          </Form.Item>
        </Form>
      )}
      <Modal
        open={confirming}
        title={t('customers.confirmTitle')}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        okButtonProps={{ 'data-testid': 'funds-confirm' } as never}
        confirmLoading={move.isPending}
        onCancel={() => setConfirming(false)}
        onOk={() =>
          move.mutate(
            { kind, customerId: customer.customer_id, amount: amount.trim(), token, code: needCode ? code.trim() : undefined },
            {
              onSuccess: (id) => { setTransId(id); setConfirming(false); },
              onError: (e) => {
                if (e instanceof ApiError && (e.code === 'HBN.2021' || e.code === 'HBN.2022')) setNeedCode(true);
                else setConfirming(false);
              },
            },
          )
        }
      >
        <span data-testid="funds-confirm-text">{t(kind === 'allocate' ? 'customers.confirmAllocate' : 'customers.confirmReclaim', { amount: amount.trim(), from, to })}</span>
        {needCode && (
          <Form layout="vertical" style={{ marginTop: 16 }}>
            <Form.Item label={t('customers.oneTimeCode')}>
              <Input value={code} onChange={(e) => setCode(e.target.value)} maxLength={16} inputMode="numeric" autoComplete="one-time-code" data-testid="funds-code" />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </Modal>
  );
}

/** Freeze or unfreeze with a reason. */
export function FreezeDialog({ customer, indirectPartnerId, onClose }: { customer: CustomerItem; indirectPartnerId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const freeze = useFreeze();
  const [reason, setReason] = useState('');
  const freezing = customer.is_frozen === 0;
  return (
    <Modal
      open
      title={`${freezing ? t('customers.freeze') : t('customers.unfreeze')} · ${customerLabel(customer)}`}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !reason.trim(), danger: freezing, 'data-testid': 'freeze-submit' } as never}
      confirmLoading={freeze.isPending}
      onCancel={onClose}
      onOk={() => freeze.mutate({ ids: [customer.customer_id], reason: reason.trim(), freeze: freezing, indirectPartnerId }, { onSuccess: onClose })}
    >
      <Typography.Paragraph>{freezing ? t('customers.freezeHelp', { customer: customerLabel(customer) }) : t('customers.unfreezeHelp', { customer: customerLabel(customer) })}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('customers.reason')} required>
          <Input.TextArea rows={3} maxLength={512} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="freeze-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The item that allows assigning and withdrawing, per kind of subject (the server checks it too). */
const ASSIGN_ITEM: Record<ManagedKind, string> = { customer: 'BPC_ITEM_SUBCUSTSERV_010201', reseller: 'BPC_ITEM_SALES_020107' };

/**
 * Assign or withdraw the account manager of a customer or of a cloud reseller, with the history
 * of assignments. Only members with the account-manager role are offered.
 */
export function ManagerDialog({ subject, onClose }: { subject: ManagedSubject; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useSession();
  const history = useManagerHistory(subject);
  const canAssign = me.permissions.includes(ASSIGN_ITEM[subject.kind]);
  const candidates = useManagerCandidates(subject.kind);
  const assign = useAssignManager(subject.kind);
  const withdraw = useWithdrawManager(subject.kind);
  const [managerId, setManagerId] = useState<string>();
  const current = history.data?.find((a) => a.current);
  const { modal } = App.useApp();
  return (
    <Modal open width={720} title={`${t('customers.accountManager')} · ${subject.label}`} onCancel={onClose} footer={[<Button key="c" onClick={onClose} data-testid="manager-close">{t('common.close')}</Button>]}>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('customers.currentManager')}>
          <span data-testid="current-manager">{current ? current.manager_name : t('customers.noManager')}</span>
        </Descriptions.Item>
      </Descriptions>
      {canAssign && (
        <>
          <Space style={{ margin: '12px 0 4px' }} wrap>
            <Select
              style={{ width: 260 }}
              placeholder={t('customers.pickManager')}
              value={managerId}
              onChange={setManagerId}
              loading={candidates.isPending}
              data-testid="manager-select"
              showSearch
              optionFilterProp="label"
              notFoundContent={t('customers.noManagerCandidates')}
              options={(candidates.data ?? []).map((m) => ({ value: m.id, label: `${m.display_name} (${m.account_name})` }))}
            />
            <Button
              type="primary"
              disabled={!managerId}
              loading={assign.isPending}
              data-testid="manager-assign"
              onClick={() => managerId && assign.mutate({ id: subject.id, managerId }, { onSuccess: () => setManagerId(undefined) })}
            >
              {t('customers.assignManager')}
            </Button>
            {current && (
              <Button
                danger
                loading={withdraw.isPending}
                data-testid="manager-withdraw"
                onClick={() =>
                  modal.confirm({
                    title: t(subject.kind === 'customer' ? 'customers.withdrawManagerConfirm' : 'customers.withdrawResellerManagerConfirm', {
                      manager: current.manager_name,
                      customer: subject.label,
                      reseller: subject.label,
                    }),
                    okText: t('common.ok'),
                    cancelText: t('common.cancel'),
                    okButtonProps: { 'data-testid': 'manager-withdraw-confirm' } as never,
                    onOk: () => withdraw.mutateAsync(subject.id),
                  })
                }
              >
                {t('customers.withdrawManager')}
              </Button>
            )}
          </Space>
          <Typography.Paragraph type="secondary">{t('customers.managerCandidatesHelp')}</Typography.Paragraph>
        </>
      )}
      <Typography.Title level={5}>{t('customers.managerHistory')}</Typography.Title>
      <Table
        size="small"
        rowKey="id"
        loading={history.isPending}
        dataSource={history.data ?? []}
        pagination={false}
        data-testid="manager-history"
        columns={[
          { title: t('customers.accountManager'), dataIndex: 'manager_name' },
          { title: t('customers.assignedAt'), dataIndex: 'assigned_at', render: (v: string) => formatDateTime(v) },
          { title: t('customers.withdrawnAt'), dataIndex: 'withdrawn_at', render: (v: string | null) => (v ? formatDateTime(v) : <Tag color="success">{t('customers.currentTag')}</Tag>) },
        ]}
      />
    </Modal>
  );
}

/** Request on-behalf authorization; lists this customer's authorizations with withdraw for pending ones. */
export function AuthorizeDialog({ customer, onClose }: { customer: CustomerItem; onClose: () => void }) {
  const { t } = useTranslation();
  const list = usePartnerAuthorizations(customer.customer_id);
  const request = useRequestAuthorization();
  const withdraw = useWithdrawAuthorization();
  const [scopes, setScopes] = useState<AuthorizationScope[]>(['view_account']);
  const [days, setDays] = useState<number | null>(30);
  const [reason, setReason] = useState('');
  return (
    <Modal open width={760} title={`${t('customers.authorize')} · ${customerLabel(customer)}`} onCancel={onClose} footer={[<Button key="c" onClick={onClose} data-testid="authorize-close">{t('common.close')}</Button>]}>
      <Form layout="vertical">
        <Form.Item label={t('customers.scopes')} required>
          <Checkbox.Group value={scopes} onChange={(v) => setScopes(v as AuthorizationScope[])} options={SCOPES.map((s) => ({ value: s, label: t(`customers.scope.${s}`) }))} />
        </Form.Item>
        <Form.Item label={t('customers.durationDays')} required>
          <InputNumber min={1} max={1095} precision={0} value={days} onChange={setDays} data-testid="authorize-days" />
        </Form.Item>
        <Form.Item label={t('customers.reason')}>
          <Input.TextArea rows={2} maxLength={512} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Form.Item>
        <Button
          type="primary"
          disabled={scopes.length === 0 || !days}
          loading={request.isPending}
          data-testid="authorize-submit"
          onClick={() => days && request.mutate({ customer_id: customer.customer_id, scopes, duration_days: days, reason: reason.trim() })}
        >
          {t('customers.requestAuthorization')}
        </Button>
      </Form>
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('customers.authorizations')}</Typography.Title>
      <Table
        size="small"
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data ?? []}
        pagination={false}
        columns={[
          { title: t('customers.scopes'), dataIndex: 'scopes', render: (v: string[]) => v.map((s) => <Tag key={s}>{t(`customers.scope.${s as AuthorizationScope}`)}</Tag>) },
          { title: t('customers.status'), dataIndex: 'status', render: (v: string, a) => <Space><AuthorizationStatusTag status={v} />{a.expiry_warning && <Tag color="warning">{t('customers.expiresSoon')}</Tag>}</Space> },
          { title: t('customers.requestedAt'), dataIndex: 'requested_at', render: (v: string) => formatDateTime(v) },
          { title: t('customers.expiresAt'), dataIndex: 'expires_at', render: (v: string | null) => (v ? formatDateTime(v) : '—') },
          {
            title: t('customers.actions'),
            render: (_, a) =>
              a.status === 'REQUESTED' ? (
                <Button type="link" size="small" danger loading={withdraw.isPending} onClick={() => withdraw.mutate(a.id)}>
                  {t('customers.withdraw')}
                </Button>
              ) : null,
          },
        ]}
      />
    </Modal>
  );
}

const AUTH_STATUS_COLOR: Record<string, string> = { REQUESTED: 'processing', AUTHORIZED: 'success', REJECTED: 'error', WITHDRAWN: 'default', REVOKED: 'default', EXPIRED: 'default' };
export function AuthorizationStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  const known = status in AUTH_STATUS_COLOR;
  return <Tag color={AUTH_STATUS_COLOR[status]} data-testid="authorization-status">{known ? t(`customers.authStatus.${status as 'REQUESTED'}`) : status}</Tag>;
}

const EVENT_STATUS_COLOR: Record<string, string> = {
  PENDING_CUSTOMER: 'processing',
  PENDING_PARTNER: 'processing',
  AGREED: 'success',
  APPROVED: 'success',
  COMPLETED: 'success',
  REJECTED: 'error',
  CANCELLED: 'default',
};
export function EventStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  const known = status in EVENT_STATUS_COLOR;
  return <Tag color={EVENT_STATUS_COLOR[status]} data-testid="event-status">{known ? t(`customers.eventStatus.${status as 'APPROVED'}`) : status}</Tag>;
}
