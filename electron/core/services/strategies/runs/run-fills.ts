/**
 * Every fill of a run: of the orders it placed and of the orders its engine-held stops placed
 * when they triggered (their parent is one of the run's orders). The drift comparison and the
 * run's sub-account read the same list.
 */
import type { OrderService } from '../../orders/order-service.js';
import type { StrategyRunRepo } from '../../../../persistence/repositories/strategy-run-repo.js';
import type { AccountFill } from '../../../../engine/arena/sub-account.js';

export type RunFillSources = {
  repo: Pick<StrategyRunRepo, 'orders'>;
  orders: Pick<OrderService, 'get' | 'list'>;
};

export function runFills(d: RunFillSources, runId: string, symbol: string): AccountFill[] {
  const own = d.repo.orders(runId);
  if (own.length === 0) return [];
  const ids = new Set(own.map((o) => o.clientOrderId));
  const venue = d.orders.get(own[0]!.clientOrderId).venue;
  const children = d.orders
    .list({ scope: 'history', symbol, venue, limit: 10_000 })
    .filter((o) => o.parentClientOrderId !== null && ids.has(o.parentClientOrderId));
  const fills: AccountFill[] = [];
  for (const id of [...ids, ...children.map((c) => c.clientOrderId)]) {
    for (const f of d.orders.get(id).fills) {
      fills.push({ time: f.time, side: f.side, price: f.price, quantity: f.quantity, fee: f.fee });
    }
  }
  return fills.sort((a, b) => a.time - b.time);
}
