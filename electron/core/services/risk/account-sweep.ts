/**
 * The kill switch's reach beyond the app's own orders: the exchange's cancel-all (Kraken's
 * CancelAll, through ccxt's cancelAllOrders) where the live adapter offers it, then a check of
 * the account's open orders; any order still open that the app did not place or adopt is
 * reported and cancelled by its exchange id.
 */
import type { ExchangeOrder, ExecutionAdapter, Failure } from '../../../engine/orders/execution-port.js';
import type { Logger } from '../../../logging/types.js';
import { errorText } from '../orders/lookup.js';
import type { VenueSession } from '../orders/session.js';
import type { SweepProgress } from './sweep-progress.js';

export type AccountWideCancel = ExecutionAdapter & { cancelAllOrders(): Promise<number | Failure> };

export function cancelsAccountWide(adapter: ExecutionAdapter): adapter is AccountWideCancel {
  return typeof (adapter as Partial<AccountWideCancel>).cancelAllOrders === 'function';
}

function isForeign(s: VenueSession, o: ExchangeOrder): boolean {
  if (o.clientOrderId && s.ledger.get(o.clientOrderId)) return false;
  return !s.ledger.live().some((x) => x.exchangeOrderId === o.exchangeOrderId);
}

/** The open orders now, with the foreign ones reported; null when the exchange did not answer. */
async function openNow(s: VenueSession, progress: SweepProgress, logger: Logger): Promise<ExchangeOrder[] | null> {
  const open = await s.adapter.openOrders().catch((error: unknown) => ({ kind: 'unknown', message: errorText(error) }));
  if ('kind' in open) {
    logger.warn('risk', `kill switch: the open orders of ${s.venue} could not be read (${open.message}); asking again`);
    return null;
  }
  const foreign = open.filter((o) => isForeign(s, o));
  if (foreign.length > 0) {
    progress.foreign(
      foreign.map((o) => ({
        exchangeOrderId: o.exchangeOrderId,
        symbol: o.symbol,
        side: o.side,
        quantity: o.quantity.toString(),
        price: o.price?.toString() ?? null,
      })),
    );
  }
  progress.stillOpen(new Set(open.map((o) => o.exchangeOrderId)));
  return [...open];
}

/** First pass: the open orders (to name the foreign ones), then the exchange's cancel-all. */
export async function cancelAccount(s: VenueSession, progress: SweepProgress, logger: Logger): Promise<void> {
  if (s.mode !== 'LIVE') return;
  const adapter = s.adapter;
  if (!cancelsAccountWide(adapter)) {
    progress.accountSweep(`${s.venue} has no cancel-all: open orders are checked and cancelled one by one`);
    return;
  }
  const before = await openNow(s, progress, logger);
  const result = await adapter.cancelAllOrders().catch((error: unknown) => ({
    kind: 'unknown' as const,
    message: errorText(error),
  }));
  if (typeof result === 'number') {
    progress.accountSweep(`cancel-all on ${s.venue}: the exchange cancelled ${result} open order(s)`);
    const foreign = before?.filter((o) => isForeign(s, o)).length ?? 0;
    const text = `kill switch: ${s.venue}'s cancel-all cancelled ${result} order(s), ${foreign} of them placed outside the app`;
    if (foreign > 0) logger.warn('risk', text);
    else logger.info('risk', text);
  } else {
    progress.accountSweep(`cancel-all on ${s.venue} failed (${result.message}); cancelling one by one`);
    logger.warn('risk', `kill switch: the cancel-all on ${s.venue} failed: ${result.message}`);
  }
}

/** Every later pass: what is still open on the account; foreign orders are cancelled by exchange id. Answers how many are left. */
export async function checkAccount(
  s: VenueSession,
  progress: SweepProgress,
  logger: Logger,
  own: ReadonlySet<string>,
): Promise<number | null> {
  const open = await openNow(s, progress, logger);
  if (open === null) return null;
  const foreign = open.filter((o) => isForeign(s, o) && !(o.clientOrderId && own.has(o.clientOrderId)));
  await Promise.all(
    foreign.map(async (o) => {
      const result = await s.adapter
        .cancel(o.clientOrderId ?? `foreign-${o.exchangeOrderId}`, o.symbol, o.exchangeOrderId, { urgent: true })
        .catch((error: unknown) => ({ outcome: 'failed' as const, failure: { message: errorText(error) } }));
      if (result.outcome === 'failed') {
        logger.warn(
          'risk',
          `kill switch: order ${o.exchangeOrderId} (placed outside the app) not cancelled yet: ${result.failure.message}`,
        );
      }
    }),
  );
  return foreign.length;
}
