// 严选 price change: the partner the customer named sets the whole order's price between the floor
// and the catalogue price. The bounds come from the server, which checks them again.
import { useState } from 'react';
import { Alert, Descriptions, Form, Input, Modal, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { ErrorAlert } from '../funds/ErrorAlert.tsx';
import { normalizeAmount, toFen } from '../funds/money.ts';
import { useSetYanxuanPrice, useYanxuanBounds, type ConsoleOrder } from './api.ts';
import { money, partyName, useProductText } from './labels.tsx';

export function YanxuanPriceDialog({ order, onClose }: { order: ConsoleOrder; onClose: () => void }) {
  const { t } = useTranslation();
  const productText = useProductText();
  const bounds = useYanxuanBounds(order.order_id);
  const setPrice = useSetYanxuanPrice();
  const [text, setText] = useState('');
  const [done, setDone] = useState(false);
  const amount = normalizeAmount(text);
  const b = bounds.data;
  const outside = amount !== null && b !== undefined && (toFen(amount) < toFen(b.floor_amount.toFixed(2)) || toFen(amount) > toFen(b.catalogue_amount.toFixed(2)));

  return (
    <Modal
      open
      title={t('orders.yanxuanTitle')}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <DialogFooter
          testId="yanxuan"
          done={done}
          okText={t('orders.yanxuanSave')}
          disabled={!amount || !b}
          loading={setPrice.isPending}
          onOk={() => setPrice.mutateAsync({ orderId: order.order_id, amount: amount! }).then(() => setDone(true), () => undefined)}
          onClose={onClose}
        />
      }
    >
      <div data-testid="yanxuan-dialog">
        <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }}>
          <Descriptions.Item label={t('orders.orderId')}>{order.order_id}</Descriptions.Item>
          <Descriptions.Item label={t('orders.customer')}>{partyName(order.customer_name, order.customer_account_name)}</Descriptions.Item>
          <Descriptions.Item label={t('orders.product')}>{productText(order)}</Descriptions.Item>
          {b && (
            <>
              <Descriptions.Item label={t('orders.catalogueAmount')}>
                <span data-testid="yanxuan-catalogue">{money(b.catalogue_amount)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('orders.floorAmount')}>
                <span data-testid="yanxuan-floor">{money(b.floor_amount)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('orders.currentAmount')}>{money(b.current_amount)}</Descriptions.Item>
            </>
          )}
        </Descriptions>
        {bounds.isPending && <Spin />}
        <ErrorAlert error={bounds.error} testId="yanxuan-bounds-error" />
        {done ? (
          <Alert type="success" showIcon title={t('orders.yanxuanDone', { amount: money(Number(amount)) })} data-testid="yanxuan-done" />
        ) : (
          b && (
            <>
              <Form.Item
                label={t('orders.newPrice')}
                validateStatus={(text && !amount) || outside ? 'error' : undefined}
                help={text && !amount ? t('orders.amountInvalid') : outside ? t('orders.outsideBounds', { floor: money(b.floor_amount), list: money(b.catalogue_amount) }) : t('orders.yanxuanRules')}
              >
                <Input prefix="¥" inputMode="decimal" value={text} onChange={(e) => setText(e.target.value)} data-testid="yanxuan-amount" />
              </Form.Item>
              <ErrorAlert error={setPrice.error} testId="yanxuan-error" />
            </>
          )
        )}
      </div>
    </Modal>
  );
}
