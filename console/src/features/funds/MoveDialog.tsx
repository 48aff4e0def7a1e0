// Allocate (拨款) or reclaim (回收) between two parties: amount typed as text -> confirmation that
// states the amount and both parties -> (one-time code, when the server asks) -> the transaction id.
// One idempotency key per dialog, so a retry with a code cannot move the money twice.
import { useEffect, useState } from 'react';
import { Button, Descriptions, Form, Input, Modal, Result, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, needsSecondFactor } from './ErrorAlert.tsx';
import { newClientToken, type MoveHeaders, type MoveKind } from './api.ts';
import { normalizeAmount } from './money.ts';

export interface MoveDialogProps {
  open: boolean;
  kind: MoveKind;
  /** Who pays and who receives, as shown to the user. */
  from: string;
  to: string;
  /** Shown under the amount: what is available to move. */
  available?: string;
  submit: (amount: string, headers: MoveHeaders) => Promise<string>;
  onClose: () => void;
}

type Step = 'amount' | 'confirm' | 'done';

export function MoveDialog({ open, kind, from, to, available, submit, onClose }: MoveDialogProps) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>('amount');
  const [text, setText] = useState('');
  const [amount, setAmount] = useState('');
  const [code, setCode] = useState('');
  const [askCode, setAskCode] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [transId, setTransId] = useState('');
  const [clientToken, setClientToken] = useState(newClientToken);

  useEffect(() => {
    if (!open) return;
    setStep('amount');
    setText('');
    setAmount('');
    setCode('');
    setAskCode(false);
    setError(null);
    setTransId('');
    setClientToken(newClientToken());
  }, [open]);

  const title = t(kind === 'allocate' ? 'funds.allocate' : 'funds.reclaim');
  const invalid = text !== '' && normalizeAmount(text) === null;

  const next = () => {
    const normalized = normalizeAmount(text);
    if (!normalized) return;
    setAmount(normalized);
    setStep('confirm');
  };

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setTransId(await submit(amount, { clientToken, code: askCode ? code : undefined }));
      setStep('done');
    } catch (e) {
      if (needsSecondFactor(e)) {
        setAskCode(true);
        setCode('');
      }
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const footer =
    step === 'amount' ? (
      <Space>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" disabled={!normalizeAmount(text)} onClick={next} data-testid="move-next">
          {t('funds.next')}
        </Button>
      </Space>
    ) : step === 'confirm' ? (
      <Space>
        <Button onClick={() => setStep('amount')} disabled={busy}>
          {t('funds.back')}
        </Button>
        <Button type="primary" loading={busy} disabled={askCode && !/^\d{6}$/.test(code)} onClick={run} data-testid="move-confirm">
          {t('common.ok')}
        </Button>
      </Space>
    ) : (
      <Button type="primary" onClick={onClose} data-testid="move-close">
        {t('common.close')}
      </Button>
    );

  return (
    <Modal open={open} title={title} onCancel={onClose} footer={footer} destroyOnHidden maskClosable={false}>
      <div data-testid="move-dialog">
        {step === 'amount' && (
          <Form layout="vertical" onFinish={next}>
            <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
              <Descriptions.Item label={t('funds.payer')}>{from}</Descriptions.Item>
              <Descriptions.Item label={t('funds.payee')}>{to}</Descriptions.Item>
              {available !== undefined && <Descriptions.Item label={t('funds.available')}>¥{available}</Descriptions.Item>}
            </Descriptions>
            <Form.Item
              label={t(kind === 'allocate' ? 'funds.allocateAmount' : 'funds.reclaimAmount')}
              validateStatus={invalid ? 'error' : undefined}
              help={invalid ? t('funds.amountInvalid') : undefined}
            >
              <Input autoFocus inputMode="decimal" prefix="¥" value={text} onChange={(e) => setText(e.target.value)} data-testid="move-amount" />
            </Form.Item>
          </Form>
        )}
        {step === 'confirm' && (
          <>
            <Typography.Paragraph data-testid="move-summary">
              {t(kind === 'allocate' ? 'funds.confirmAllocate' : 'funds.confirmReclaim', { amount, from, to })}
            </Typography.Paragraph>
            <ErrorAlert error={error} testId="move-error" />
            {askCode && (
              <Form.Item label={t('funds.codeLabel')} extra={t('funds.codeHelp')}>
                <Input autoFocus maxLength={6} inputMode="numeric" value={code} onChange={(e) => setCode(e.target.value.trim())} data-testid="move-code" />
              </Form.Item>
            )}
          </>
        )}
        {step === 'done' && (
          <Result
            status="success"
            title={t('funds.adjustDone')}
            subTitle={
              <span>
                {t('funds.transId')}: <Typography.Text copyable data-testid="move-trans-id">{transId}</Typography.Text>
              </span>
            }
          />
        )}
      </div>
    </Modal>
  );
}
