// The partner's balances: cash (with its designated part), credit line, allocatable.
import { Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert.tsx';
import { balanceOfType, useBalances } from './api.ts';
import { fenText, toFen, yuanText } from './money.ts';

export function BalanceTab() {
  const { t } = useTranslation();
  const balances = useBalances();
  const cash = balanceOfType(balances.data, 1);
  const credit = balanceOfType(balances.data, 2);
  const allocatable = balanceOfType(balances.data, 8);
  const total = cash && credit ? fenText(toFen(cash.amount.toFixed(2)) + toFen(credit.amount.toFixed(2))) : '—';
  const item = (title: string, value: string, testId: string) => (
    <Col xs={24} sm={12} md={8}>
      <Statistic title={title} prefix="¥" value={value} valueRender={() => <span data-testid={testId}>{value}</span>} />
    </Col>
  );
  return (
    <>
      <ErrorAlert error={balances.error} />
      <Row gutter={[24, 24]}>
        {item(t('funds.accountBalance'), total, 'balance-total')}
        {item(t('funds.cashBalance'), yuanText(cash?.amount), 'balance-cash')}
        {item(t('funds.designated'), yuanText(cash?.designated_amount), 'balance-designated')}
        {item(t('funds.creditBalance'), yuanText(credit?.amount), 'balance-credit')}
        {item(t('funds.creditLine'), yuanText(credit?.credit_amount), 'balance-credit-line')}
        {item(t('funds.allocatable'), yuanText(allocatable?.amount), 'balance-allocatable')}
      </Row>
    </>
  );
}
