import type { Handlers } from '../dispatch.js';
import type { OrderService } from '../services/orders/order-service.js';

type OrderNames =
  | 'orders.submit'
  | 'orders.cancel'
  | 'orders.cancelAll'
  | 'orders.list'
  | 'orders.get'
  | 'orders.fills'
  | 'portfolio.get'
  | 'orders.recovery'
  | 'orders.reconciliation'
  | 'orders.exportCsv'
  | 'trading.status'
  | 'trading.setMode';

/** Orders, the portfolio and the trading mode (the orders issue). */
export function ordersHandlers(orders: OrderService) {
  return {
    'orders.submit': (request) => orders.submit(request),
    'orders.cancel': ({ clientOrderId }) => orders.cancel(clientOrderId),
    'orders.cancelAll': ({ symbol }) => orders.cancelAll(symbol),
    'orders.list': (query) => orders.list(query),
    'orders.get': ({ clientOrderId }) => orders.get(clientOrderId),
    'orders.fills': (query) => orders.fills(query),
    'portfolio.get': () => orders.portfolio(),
    'orders.recovery': () => orders.recoveryQueue(),
    'orders.reconciliation': () => orders.reconciliation(),
    'orders.exportCsv': (query) => orders.exportCsv(query),
    'trading.status': () => orders.status(),
    'trading.setMode': (input) => orders.setMode(input),
  } satisfies Pick<Handlers, OrderNames>;
}
