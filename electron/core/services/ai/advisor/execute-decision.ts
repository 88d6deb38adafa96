/**
 * Turns one of Claude's decisions into what happened. BUY and SELL become market orders through
 * the order service, so they pass the same validation and risk gate as every order: a BUY spends
 * sizePercent of the equity (cut to the advisor's maxOrderPercent), a SELL sells sizePercent of the
 * position held (never short). A risk veto becomes VETOED with the rule's words; an order the
 * market or the account refuses (below the minimum, no price) is SKIPPED with the reason; HOLD is
 * recorded as it is.
 */
import type { AdvisorDecision } from '../../../../../shared/domain/ai.js';
import type { MarketInfo } from '../../../../../shared/domain/market.js';
import type { OrderRequestInput, OrderView, PortfolioView } from '../../../../../shared/domain/orders.js';
import { AppError } from '../../../../../shared/ipc/envelope.js';
import { Decimal } from '../../../../engine/money/decimal.js';
import type { SubmitOrigin } from '../../orders/submit.js';
import type { ProposedDecision } from './advisor-prompt.js';

export const ADVISOR_ORIGIN: SubmitOrigin = { actor: 'engine', source: 'advisor' };

export type ExecuteContext = {
  submit(request: OrderRequestInput, origin: SubmitOrigin): Promise<OrderView>;
  portfolio: PortfolioView;
  markets: readonly MarketInfo[];
  maxOrderPercent: number;
};

export type Outcome = Pick<AdvisorDecision, 'outcome' | 'outcomeDetail' | 'clientOrderId'>;

export const HOLD_OUTCOME: Outcome = { outcome: 'HOLD', outcomeDetail: 'no order: hold', clientOrderId: null };

const skipped = (outcomeDetail: string): Outcome => ({ outcome: 'SKIPPED', outcomeDetail, clientOrderId: null });

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The risk gate's refusal (it names the rule), or trading stopped (the kill switch, an auth failure). */
const isVeto = (e: AppError): boolean =>
  (e.code === 'conflict' && e.message.startsWith('order refused by the risk rule')) ||
  (e.code === 'unavailable' && e.message.startsWith('trading is stopped'));

/** The order a BUY or SELL stands for, or the reason there is none. */
export function orderFor(
  c: ExecuteContext,
  d: ProposedDecision,
): { request: OrderRequestInput; note: string } | { skip: string } {
  const percent = Decimal.fromNumber(d.sizePercent);
  if (!percent.isPositive()) return { skip: `size ${d.sizePercent}%: nothing to ${d.action.toLowerCase()}` };
  if (d.action === 'BUY') {
    const capped = percent.gt(Decimal.fromNumber(c.maxOrderPercent));
    const used = capped ? Decimal.fromNumber(c.maxOrderPercent) : percent;
    const quote = Decimal.parse(c.portfolio.equity).mul(used).div(100, { scale: 2, rounding: 'down' });
    if (!quote.isPositive()) return { skip: `the account equity is ${c.portfolio.equity}: nothing to buy with` };
    const note = `${used.toString()}% of equity = ${quote.toString()} ${c.portfolio.quoteCurrency}${
      capped ? ` (cut from ${d.sizePercent}% to the advisor's maximum of ${c.maxOrderPercent}%)` : ''
    }`;
    return { request: { symbol: d.symbol, side: 'buy', type: 'market', quoteAmount: quote.toString() }, note };
  }
  const held = c.portfolio.positions.find((p) => p.symbol === d.symbol);
  const quantity = held ? Decimal.parse(held.quantity) : Decimal.ZERO;
  if (!quantity.isPositive()) {
    return { skip: `there is no ${d.symbol} position to sell (the advisor never sells short)` };
  }
  const used = Decimal.min(percent, 100);
  const step = c.markets.find((m) => m.symbol === d.symbol)?.amountStep;
  const raw = quantity.mul(used).div(100, { scale: 12, rounding: 'down' });
  const amount = step ? raw.roundToStep(Decimal.fromNumber(step), 'down') : raw;
  if (!amount.isPositive()) {
    return {
      skip: `${used.toString()}% of the ${quantity.toString()} ${d.symbol} held is below the market's amount step`,
    };
  }
  const note = `${used.toString()}% of the ${quantity.toString()} held = ${amount.toString()}`;
  return { request: { symbol: d.symbol, side: 'sell', type: 'market', quantity: amount.toString() }, note };
}

export async function executeDecision(c: ExecuteContext, d: ProposedDecision): Promise<Outcome> {
  if (d.action === 'HOLD') return HOLD_OUTCOME;
  const planned = orderFor(c, d);
  if ('skip' in planned) return skipped(planned.skip);
  try {
    const order = await c.submit(planned.request, ADVISOR_ORIGIN);
    return {
      outcome: 'ORDER',
      outcomeDetail: `market ${order.side} ${order.quantity} ${order.symbol} placed (${planned.note}); status ${order.status}`,
      clientOrderId: order.clientOrderId,
    };
  } catch (error) {
    if (error instanceof AppError && isVeto(error)) {
      return { outcome: 'VETOED', outcomeDetail: error.message, clientOrderId: null };
    }
    if (error instanceof AppError) return skipped(`the order was not placed: ${error.message}`);
    return { outcome: 'ERROR', outcomeDetail: `the order failed: ${errorText(error)}`, clientOrderId: null };
  }
}
