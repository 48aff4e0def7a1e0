// Catalog rules: which price units go with which billing mode, and who may carry a floor price.
import type { BillingMode, PriceUnit, ProductKind } from '../../db/schema.ts';
import { AppError } from '../../shared/errors.ts';

const UNITS: Record<BillingMode, PriceUnit[]> = {
  yearly_monthly: ['month', 'year'],
  on_demand: ['hour'],
  one_off: ['one_off'],
};

/** Billing modes each kind of product may be sold in. */
const MODES: Record<ProductKind, BillingMode[]> = {
  cloud_service: ['yearly_monthly', 'on_demand'],
  marketplace: ['yearly_monthly', 'one_off'],
  stored_value_card: ['one_off'],
};

export function assertProductShape(kind: ProductKind, isYanxuan: boolean): void {
  if (isYanxuan && kind !== 'marketplace') throw new AppError('HBN.5004');
}

export function assertSpecShape(
  product: { kind: ProductKind; is_yanxuan: boolean },
  spec: { billing_mode: BillingMode; price_unit: PriceUnit; list_price: bigint; floor_price: bigint | null },
): void {
  if (!MODES[product.kind].includes(spec.billing_mode) || !UNITS[spec.billing_mode].includes(spec.price_unit)) {
    throw new AppError('HBN.5002', `${product.kind}: ${spec.billing_mode} / ${spec.price_unit}`);
  }
  if (product.is_yanxuan !== (spec.floor_price !== null)) throw new AppError('HBN.5003');
  if (spec.floor_price !== null && spec.floor_price > spec.list_price) throw new AppError('HBN.5003');
}
