/**
 * A portfolio snapshot to and from JSON text, for the journal: Decimals travel as strings and come
 * back exact. Locks are not stored: they follow from the open orders and are recomputed after a
 * restart (Portfolio.syncOrderLock). Decoding validates everything and never throws.
 */
import { z } from 'zod';
import { CurrencyCode, DecimalString } from '../../../shared/domain/orders.js';
import { Decimal } from '../money/decimal.js';
import type { PortfolioSnapshot } from './portfolio.js';

const Dec = DecimalString.transform((s) => Decimal.parse(s));

const SnapshotJson = z.object({
  quoteCurrency: CurrencyCode,
  balances: z.record(z.string(), Dec),
  positions: z.array(
    z.object({
      symbol: z.string(),
      base: z.string(),
      quote: z.string(),
      quantity: Dec,
      cost: Dec,
      realizedPnl: Dec,
      fees: Dec,
    }),
  ),
  feesPaid: z.record(z.string(), Dec),
});

export function encodePortfolio(snapshot: PortfolioSnapshot): string {
  const { quoteCurrency, balances, positions, feesPaid } = snapshot;
  return JSON.stringify({ quoteCurrency, balances, positions, feesPaid });
}

export function decodePortfolio(
  text: string,
): { ok: true; snapshot: PortfolioSnapshot } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'portfolio snapshot: not JSON' };
  }
  const parsed = SnapshotJson.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, error: `portfolio snapshot: ${first?.path.join('.') ?? ''} ${first?.message ?? 'invalid'}` };
  }
  return { ok: true, snapshot: { ...parsed.data, locks: {} } };
}
