// Cash-coupon usage ratios: typed as a percent with at most 2 decimals, sent as a ratio in text
// with at most 4 decimals (30 -> "0.3"), shown as a percent again.

export function percentToRatioText(percent: number): string {
  return (percent / 100).toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
}

export function ratioTextToPercent(ratio: string): number {
  return Math.round(Number(ratio) * 10_000) / 100;
}
