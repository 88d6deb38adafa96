/**
 * The simulated exchange for a grid (backtest and paper): which working orders one candle fills,
 * at what price, and the cash they move. Each fill goes through applyGridFill, as a live
 * execution report would. Within a candle the price is assumed to go open -> low -> high (the
 * pessimistic path for a long grid):
 * 1. a candle opening at or below the stop sells all inventory at the open;
 * 2. sells whose price is at or below the open fill at the open;
 * 3. going down, buys fill from the highest level: at the level, or at the open when the candle
 *    opens below it; the stop (recomputed as lots are added) fires first when the path reaches it
 *    before the next level, and then no lower buy fills;
 * 4. a low at or below the stop sells all inventory at the stop (the open, if lower);
 * 5. otherwise, going up, sells (placed at an earlier close) fill at their price up to the high.
 * Buys fill at price x (1 + slippage) and sells at price x (1 - slippage), each paying
 * feeRate x notional. A buy that cash cannot pay in full is reduced to what cash pays (none: dropped).
 */
import type { BacktestSettings, GridStrategy } from '../../../shared/domain/strategy.js';
import { Decimal } from '../money/decimal.js';
import type { BacktestTrade } from '../backtest/types.js';
import { applyGridFill } from './apply.js';
import { cloneGridState, gridStopPrice, inventory, sellPrice } from './state.js';
import type { GridFill, GridState } from './types.js';

export type GridCandle = { index: number; time: number; open: number; high: number; low: number };

export type GridCandleResult = {
  state: GridState;
  cash: Decimal;
  trades: BacktestTrade[];
  fills: GridFill[];
};

type Money = Pick<BacktestSettings, 'feeRate' | 'slippage'>;

export function fillGridCandle(
  state: GridState,
  candle: GridCandle,
  strategy: GridStrategy,
  money: Money,
  cash: Decimal,
): GridCandleResult {
  const run = { state: cloneGridState(state), cash, trades: [] as BacktestTrade[], fills: [] as GridFill[] };
  const fee = Decimal.fromNumber(money.feeRate);
  const buyFactor = Decimal.ONE.add(Decimal.fromNumber(money.slippage));
  const sellFactor = Decimal.ONE.sub(Decimal.fromNumber(money.slippage));
  const { open, high, low, index, time } = candle;

  const apply = (fill: GridFill) => {
    const result = applyGridFill(run.state, fill);
    run.state = result.state;
    run.trades.push(...result.trades);
    run.fills.push(fill);
    const notional = Decimal.from(fill.price).mul(fill.quantity);
    run.cash = fill.kind === 'buy' ? run.cash.sub(notional).sub(fill.fee) : run.cash.add(notional).sub(fill.fee);
  };
  const sell = (kind: GridFill['kind'], at: number, quantity: Decimal, orderId?: string) => {
    const price = Decimal.fromNumber(at).mul(sellFactor);
    const f = quantity.mul(price).mul(fee);
    apply({ kind, orderId, price: price.toString(), quantity: quantity.toString(), fee: f.toString(), index, time });
  };
  const stopAll = (at: number) => sell('stop', at, inventory(run.state));

  const startStop = gridStopPrice(run.state, strategy);
  if (startStop !== null && open <= startStop) {
    stopAll(open);
    return run;
  }
  const sellsAt = (limit: number, atOpen: boolean) => {
    for (const level of run.state.levels) {
      if (!level.lot?.sellId) continue;
      const target = sellPrice(run.state, level);
      if (target <= limit) sell('sell', atOpen ? open : target, Decimal.from(level.lot.quantity), level.lot.sellId);
    }
  };
  sellsAt(open, true);

  const buys = run.state.levels.filter((l) => l.buy !== null).sort((a, b) => b.price - a.price);
  for (const level of buys) {
    if (level.price < low) break;
    const at = Math.min(level.price, open);
    const stop = gridStopPrice(run.state, strategy);
    if (stop !== null && stop >= at) break;
    const price = Decimal.fromNumber(at).mul(buyFactor);
    let quantity = Decimal.from(level.buy!.quantity);
    const perUnit = price.mul(Decimal.ONE.add(fee));
    if (quantity.mul(perUnit).gt(run.cash)) {
      quantity = run.cash.isPositive() ? run.cash.div(perUnit, { scale: 18, rounding: 'down' }) : Decimal.ZERO;
    }
    if (!quantity.isPositive()) {
      run.state.levels.find((l) => l.k === level.k)!.buy = null;
      continue;
    }
    const f = quantity.mul(price).mul(fee);
    apply({
      kind: 'buy',
      orderId: level.buy!.id,
      price: price.toString(),
      quantity: quantity.toString(),
      fee: f.toString(),
      index,
      time,
    });
  }

  const stop = gridStopPrice(run.state, strategy);
  if (stop !== null && low <= stop) {
    stopAll(Math.min(stop, open));
    return run;
  }
  sellsAt(high, false);
  return run;
}
