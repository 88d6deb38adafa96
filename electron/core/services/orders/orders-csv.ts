/**
 * The order history as CSV text (RFC 4180, CRLF), one row per order, newest first. Numbers are
 * plain numbers (no unit, no separators, no trailing zeros): the fee's currency has its own column.
 */
import type { FeeView, OrderView } from '../../../../shared/domain/orders.js';
import { plainNumber } from '../../../../shared/format/numbers.js';
import { Decimal } from '../../../engine/money/decimal.js';
import { csvLine } from '../export/formats.js';

export const ORDER_CSV_COLUMNS = [
  'created_at',
  'client_order_id',
  'exchange_order_id',
  'venue',
  'symbol',
  'side',
  'type',
  'status',
  'quantity',
  'filled',
  'price',
  'stop_price',
  'trail_percent',
  'average_fill_price',
  'fees',
  'fee_currency',
  'other_fees',
  'time_in_force',
  'expires_at',
  'submitted_at',
  'updated_at',
  'reason',
  'last_error',
  'needs_attention',
  'adopted',
  'parent_client_order_id',
] as const;

/**
 * Fees as a number in one currency (the quote's when charged in it, else the first one charged),
 * exactly summed; fees charged in any other currency as text ("0.000001 BTC") beside it.
 */
function feeColumns(symbol: string, fees: readonly FeeView[]): [string, string, string] {
  if (fees.length === 0) return ['0', symbol.split('/')[1] ?? '', ''];
  const quote = symbol.split('/')[1];
  const main = fees.some((f) => f.currency === quote) ? quote! : fees[0]!.currency;
  const totals = new Map<string, Decimal>();
  for (const f of fees) totals.set(f.currency, (totals.get(f.currency) ?? Decimal.ZERO).add(Decimal.parse(f.amount)));
  const others = [...totals].filter(([c]) => c !== main).map(([c, v]) => `${plainNumber(v.toString())} ${c}`);
  return [plainNumber(totals.get(main)!.toString()), main, others.join('; ')];
}

const num = (value: string | null) => (value === null ? '' : plainNumber(value));

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());

export function ordersCsv(rows: ReadonlyArray<{ venue: string; view: OrderView }>): string {
  let text = csvLine(ORDER_CSV_COLUMNS);
  for (const { venue, view: o } of rows) {
    text += csvLine([
      iso(o.createdAt),
      o.clientOrderId,
      o.exchangeOrderId ?? '',
      venue,
      o.symbol,
      o.side,
      o.type,
      o.status,
      num(o.quantity),
      num(o.filled),
      num(o.price),
      num(o.stopPrice),
      num(o.trailPercent),
      num(o.averageFillPrice),
      ...feeColumns(o.symbol, o.fees),
      o.timeInForce,
      iso(o.expiresAt),
      iso(o.submittedAt),
      iso(o.updatedAt),
      o.reason ?? '',
      o.lastError ?? '',
      String(o.flags.needsAttention),
      String(o.flags.adopted),
      o.parentClientOrderId ?? '',
    ]);
  }
  return text;
}
