/**
 * Startup reconciliation: the journal against the exchange, before any new order.
 * 1. Orders journaled but never sent are withdrawn (CANCELLED, "never sent"): nothing reached the
 *    exchange, and sending a stale intent after a restart would surprise the user.
 * 2. Orders sent without a recorded answer become UNKNOWN.
 * 3. Every unfinished order takes the exchange's state and fills, asked in bulk (by exchange order
 *    id, 50 a request on Kraken: hundreds of orders take seconds); UNKNOWN ones are looked up by
 *    client order id through the recovery rules (REJECTED only with evidence).
 * 4. Open orders the journal does not know are adopted and flagged.
 * 5. The account's trades since the last fill we know are recorded where missing.
 * 6. Balances are compared with the portfolio (live: the exchange's figures are taken).
 * The report is kept for orders.reconciliation, logged and audited.
 */
import type { ReconciledOrder, ReconciliationReport } from '../../../../shared/domain/order-queries.js';
import { Decimal } from '../../../engine/money/decimal.js';
import type { ExchangeOrder } from '../../../engine/orders/execution-port.js';
import { type Order, isEngineManaged } from '../../../engine/orders/order-model.js';
import { isClientOrderId } from '../../../engine/orders/client-order-id.js';
import { applyLookup, errorText, lookupMany } from './lookup.js';
import { applyFill, ownerOf } from './reports.js';
import type { VenueSession } from './session.js';

const HOUR_MS = 3_600_000;

const entry = (o: Order, from: Order['status'] | null, note: string): ReconciledOrder => ({
  clientOrderId: o.clientOrderId,
  symbol: o.symbol,
  side: o.side,
  from,
  to: o.status,
  note,
});

function adopt(s: VenueSession, eo: ExchangeOrder): Order {
  const id =
    eo.clientOrderId && isClientOrderId(eo.clientOrderId) && !s.journal.has(eo.clientOrderId)
      ? eo.clientOrderId
      : s.newClientOrderId();
  const at = s.clock.now();
  return s.ledger.create(
    {
      type: 'OrderAdopted',
      at,
      clientOrderId: id,
      exchangeOrderId: eo.exchangeOrderId,
      symbol: eo.symbol,
      side: eo.side,
      orderType: eo.type,
      quantity: eo.quantity,
      price: eo.price,
      timeInForce: 'GTC',
    },
    [
      {
        type: 'OrderAttentionRequired',
        at,
        reason: `found open on ${s.venue} (exchange id ${eo.exchangeOrderId}) but not in the journal: adopted`,
      },
    ],
  );
}

export async function reconcile(s: VenueSession): Promise<ReconciliationReport> {
  const startedAt = s.clock.now();
  const report: ReconciliationReport = {
    venue: s.venue,
    mode: s.mode,
    startedAt,
    finishedAt: startedAt,
    checked: 0,
    resolved: [],
    withdrawn: [],
    unresolved: [],
    adopted: [],
    fillsRecorded: 0,
    unmatchedTrades: [],
    balanceDifferences: [],
    problems: s.loadProblems.map((p) => `order ${p.clientOrderId} could not be rebuilt from the journal: ${p.message}`),
  };

  const from = new Map<string, Order['status']>();
  const toAsk: Order[] = [];
  const settle = (current: Order) => {
    const was = from.get(current.clientOrderId) ?? current.status;
    if (current.status === 'UNKNOWN' || current.status === 'PENDING_CANCEL') {
      report.unresolved.push(entry(current, was, current.lastError ?? 'the exchange did not answer'));
    } else if (current.status !== was) {
      report.resolved.push(entry(current, was, current.reason ?? `now ${current.status}`));
    }
  };
  for (const order of s.ledger.live()) {
    await s.serial.run(order.clientOrderId, async () => {
      let current = s.ledger.get(order.clientOrderId)!;
      from.set(current.clientOrderId, current.status);
      const at = s.clock.now();
      if (current.status === 'PENDING_SUBMIT' && current.submittedAt === null) {
        const reason = 'withdrawn: the app stopped before sending it; nothing reached the exchange';
        report.withdrawn.push(
          entry(
            s.ledger.apply(current.clientOrderId, [{ type: 'OrderCancelled', at, reason }]).order,
            current.status,
            reason,
          ),
        );
        return;
      }
      if (isEngineManaged(current.type)) return;
      report.checked += 1;
      if (current.status === 'PENDING_SUBMIT') {
        const error = 'the app stopped before the exchange answered; the order is looked up by its client order id';
        current = s.ledger.apply(current.clientOrderId, [{ type: 'OrderOutcomeUnknown', at, error }]).order;
      }
      if (current.status === 'UNKNOWN') settle(await s.recovery.attempt(current));
      else toAsk.push(current);
    });
  }
  // Every other unfinished order in one go: in bulk by exchange order id where the adapter can.
  const answers = await lookupMany(s, toAsk);
  for (const order of toAsk) {
    await s.serial.run(order.clientOrderId, async () => {
      const answer = answers.get(order.clientOrderId) ?? {
        found: 'unknown' as const,
        failure: { kind: 'unknown' as const, message: 'the exchange was not asked' },
      };
      const outcome = await applyLookup(s, s.ledger.get(order.clientOrderId) ?? order, answer);
      let current = outcome.order;
      if (outcome.kind === 'absent' && !current.needsAttention) {
        const reason = `not found on ${s.venue} although it was ${current.status}`;
        current = s.ledger.apply(current.clientOrderId, [
          { type: 'OrderAttentionRequired', at: s.clock.now(), reason },
        ]).order;
        report.problems.push(`order ${current.clientOrderId}: ${reason}`);
      }
      if (outcome.kind === 'failed')
        report.problems.push(`order ${current.clientOrderId}: lookup failed: ${outcome.message}`);
      settle(current);
    });
  }

  const open = await s.adapter
    .openOrders()
    .catch((error: unknown) => ({ kind: 'unknown' as const, message: errorText(error) }));
  if ('kind' in open) report.problems.push(`the open orders could not be read: ${open.message}`);
  else {
    for (const eo of open) {
      const known =
        (eo.clientOrderId !== null && s.journal.has(eo.clientOrderId)) ||
        s.journal.findByExchangeId(s.venue, eo.exchangeOrderId) !== null;
      if (!known) report.adopted.push(entry(adopt(s, eo), null, `adopted: exchange id ${eo.exchangeOrderId}`));
    }
  }

  const last = Math.min(
    s.journal.lastFillTime(s.venue) ?? startedAt,
    s.journal.oldestLiveCreatedAt(s.venue) ?? startedAt,
  );
  const trades = await s.adapter
    .trades(Math.max(0, last - HOUR_MS))
    .catch((error: unknown) => ({ kind: 'unknown' as const, message: errorText(error) }));
  if ('kind' in trades) report.problems.push(`the recent trades could not be read: ${trades.message}`);
  else {
    for (const fill of trades) {
      if (s.journal.hasFill(fill.tradeId)) continue;
      const id = ownerOf(s, fill);
      if (id === null) {
        report.unmatchedTrades.push({
          tradeId: fill.tradeId,
          exchangeOrderId: fill.exchangeOrderId,
          symbol: fill.symbol,
        });
        continue;
      }
      if (await s.serial.run(id, () => applyFill(s, id, fill))) report.fillsRecorded += 1;
    }
  }

  const balances = await s.adapter
    .balances()
    .catch((error: unknown) => ({ kind: 'unknown' as const, message: errorText(error) }));
  if ('kind' in balances) report.problems.push(`the balances could not be read: ${balances.message}`);
  else {
    const portfolio = s.ledger.portfolio();
    const currencies = new Set([...balances.map((b) => b.currency), ...Object.keys(portfolio.snapshot().balances)]);
    for (const currency of [...currencies].sort()) {
      const exchange = Decimal.parse(balances.find((b) => b.currency === currency)?.total ?? '0');
      const journal = portfolio.balance(currency).total;
      if (exchange.eq(journal)) continue;
      report.balanceDifferences.push({
        currency,
        exchange: exchange.toString(),
        journal: journal.toString(),
        difference: exchange.sub(journal).toString(),
      });
      if (s.mode === 'LIVE') s.ledger.setBalance(currency, exchange);
    }
  }
  for (const fill of s.ledger.deferred()) {
    report.problems.push(
      `fill ${fill.tradeId} (${fill.side} ${fill.quantity.toString()} ${fill.symbol}) is recorded but the portfolio cannot take it`,
    );
  }
  report.finishedAt = s.clock.now();
  return report;
}

/** One line for the log and the audit trail. */
export function summarize(r: ReconciliationReport): string {
  return (
    `reconciled ${r.venue}: ${r.checked} checked, ${r.resolved.length} resolved, ${r.withdrawn.length} withdrawn, ` +
    `${r.unresolved.length} unresolved, ${r.adopted.length} adopted, ${r.fillsRecorded} fills recorded, ` +
    `${r.unmatchedTrades.length} unmatched trades, ${r.balanceDifferences.length} balance differences, ${r.problems.length} problems`
  );
}
