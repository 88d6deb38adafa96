/** The order history as CSV text (RFC 4180, CRLF), one row per order, newest first. */
import type { OrderView } from '../../../../shared/domain/orders.js';
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
      o.quantity,
      o.filled,
      o.price ?? '',
      o.stopPrice ?? '',
      o.trailPercent ?? '',
      o.averageFillPrice ?? '',
      o.fees.map((f) => `${f.amount} ${f.currency}`).join('; '),
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
