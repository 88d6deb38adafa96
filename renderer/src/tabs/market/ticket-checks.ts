import type { MarketInfo } from '../../../../shared/domain/market';
import { decimalsOfStep, formatAmount, formatFixed, formatMoney, formatPrice } from '../../../../shared/format/numbers';

const DECIMAL = /^\d+(\.\d+)?$/;

export type TicketInput = {
  symbol: string;
  market: MarketInfo | undefined;
  kind: 'market' | 'limit';
  amountIn: 'base' | 'quote';
  /** As typed (trimmed). */
  amount: string;
  price: string;
  /** The price the order is expected to fill at: the limit price, or the ask (buy) / bid (sell). */
  estPrice: number | null;
};

export type TicketCheck = {
  /** Base quantity of the order (estimated when the amount is in the quote currency). */
  qty: number | null;
  cost: number | null;
  /** What is wrong with the amount, in the market's numbers (null: nothing found). */
  amountError: string | null;
  priceError: string | null;
  /** Why Submit is disabled when nothing is wrong yet (e.g. no amount typed). */
  hint: string | null;
  ok: boolean;
};

/** `value` is a whole number of `step`s (exact for the decimal steps markets use). */
function onStep(value: number, step: number): boolean {
  const ratio = value / step;
  return Math.abs(ratio - Math.round(ratio)) < 1e-7;
}

function floorToStep(value: number, step: number): number {
  return Math.floor(value / step + 1e-7) * step;
}

/**
 * The checks the exchange (and the risk gate's exchange limits) would make, made while the trader
 * types: a positive number, the amount step, the minimum amount, the minimum cost and the price
 * step of a limit price, each saying the market's number to use.
 */
export function checkTicket(t: TicketInput): TicketCheck {
  const [base = '', quote = ''] = t.symbol.split('/');
  const m = t.market;
  const empty = { qty: null, cost: null, priceError: null, hint: null, ok: false };
  let priceError: string | null = null;
  if (t.kind === 'limit') {
    if (t.price !== '' && !DECIMAL.test(t.price))
      priceError = 'Enter the limit price as a positive number, e.g. 150.25';
    else if (t.price !== '' && Number(t.price) <= 0) priceError = 'The limit price must be above 0';
    else if (t.price !== '' && m && !onStep(Number(t.price), m.priceStep)) {
      priceError =
        `${t.symbol} prices go in steps of ${formatPrice(m.priceStep, m.priceStep)} ${quote}: ` +
        `use ${formatPrice(floorToStep(Number(t.price), m.priceStep), m.priceStep)}`;
    }
  }
  const limitMissing = t.kind === 'limit' && (t.price === '' || priceError !== null);

  if (t.amount === '') return { ...empty, priceError, amountError: null, hint: 'Enter an amount to submit' };
  if (!DECIMAL.test(t.amount)) {
    return {
      ...empty,
      priceError,
      amountError: `Enter the amount as a positive number, e.g. ${t.amountIn === 'base' ? '0.01' : '100'}`,
    };
  }
  const amountNum = Number(t.amount);
  if (amountNum <= 0) {
    return {
      ...empty,
      priceError,
      amountError: `The amount is 0: enter more than 0 ${t.amountIn === 'base' ? base : quote} to submit`,
    };
  }
  const price = t.estPrice;
  const qty = t.amountIn === 'base' ? amountNum : price ? amountNum / price : null;
  const cost = qty === null || price === null ? null : qty * price;

  let amountError: string | null = null;
  if (m && qty !== null) {
    const stepDecimals = decimalsOfStep(m.amountStep);
    if (t.amountIn === 'base' && !onStep(qty, m.amountStep)) {
      amountError =
        `${t.symbol} amounts go in steps of ${formatFixed(m.amountStep, stepDecimals)} ${base} ` +
        `(${stepDecimals} decimals): use ${formatAmount(floorToStep(qty, m.amountStep), m.amountStep)}`;
    } else if (qty < m.minAmount) {
      amountError =
        `The minimum amount on ${t.symbol} is ${formatAmount(m.minAmount)} ${base}` +
        ` (this order: ${formatAmount(qty, m.amountStep)} ${base})`;
    } else if (cost !== null && cost < m.minCost) {
      amountError =
        `The minimum order value on ${t.symbol} is ${formatMoney(m.minCost)} ${quote}` +
        ` (this order: ≈ ${formatMoney(cost)} ${quote})`;
    }
  }
  const hint = limitMissing && priceError === null ? 'Enter a limit price to submit' : null;
  return { qty, cost, amountError, priceError, hint, ok: amountError === null && !limitMissing };
}
