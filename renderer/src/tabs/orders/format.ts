import type { MarketInfo } from '../../../../shared/domain/market';
import { formatAmount, formatFixed, formatMoney } from '../../../../shared/format/numbers';

/** An exact decimal string with grouping and at most `maxDecimals` decimals (trailing zeros dropped, no -0). */
export function formatDecimal(value: string | null | undefined, maxDecimals = 8): string {
  return formatFixed(value, maxDecimals, { minDecimals: 0 });
}

/**
 * An amount of a currency as the trader reads it: the quote currency as money (9,096.78), a base
 * currency at the amount step of its market (0.00100000 BTC).
 */
export function formatCurrencyAmount(
  value: string | null | undefined,
  currency: string,
  quoteCurrency: string,
  markets: readonly MarketInfo[],
): string {
  if (currency === quoteCurrency) return formatMoney(value);
  return formatAmount(value, markets.find((m) => m.base === currency)?.amountStep);
}

export function formatTime(ms: number | null): string {
  return ms === null ? '—' : new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

export function pnlClass(value: string): string {
  if (value.startsWith('-')) return 'down';
  return /[1-9]/.test(value) ? 'up' : '';
}
