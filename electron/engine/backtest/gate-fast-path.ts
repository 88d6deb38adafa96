/**
 * The backtest gate's fast path: an intent the exact risk gate (evaluateOrder over Decimals) would
 * certainly approve, told apart in doubles, so a sweep's thousands of approvals per set skip the
 * decimal conversions. It only ever answers "approved" where every check of evaluateOrder passes in
 * the backtest's context (no kill switch, no protect freeze, no loss tracker, market info, book or
 * ATR, no open orders); anything else, and anything within a billionth of a limit, goes to the exact
 * gate, which decides and words the veto. So a backtest's decisions are the same with or without it
 * (risk-gate-adapter.test.ts compares both on intents at and around every limit).
 *
 * Comparisons of single values are exact in doubles: Decimal.fromNumber keeps the order of doubles.
 * Products (quantity x price, equity x percent) carry a relative error below 1e-15 in doubles: the
 * margin of 1e-9 leaves the cases the doubles cannot settle to the exact gate.
 */
import type { RiskSettings } from '../../../shared/domain/risk.js';
import { orderRateStatus } from '../risk/order-rate.js';
import { evaluateStrategyParams } from '../risk/strategy-params.js';
import type { OrderIntent } from './types.js';

/** A value at most this fraction below its limit is left to the exact gate. */
const MARGIN = 1e-9;

export type FastPath = (intent: OrderIntent, recentOrderTimes: readonly number[]) => boolean;

/**
 * `entriesOpen`: whether entries can pass at all in the backtest's context (the kill switch is not
 * engaged and protect mode does not freeze them), decided once by the caller.
 */
export function gateFastPath(settings: RiskSettings, entriesOpen: boolean): FastPath {
  const { capitalPerSymbol, totalExposure, orderSize, maxOpenOrders, maxOrdersPerMinute } = settings;
  // Limits the fast path does not reason about: the exact gate answers every entry.
  const entriesSimple = entriesOpen && !(orderSize.enabled && Object.keys(orderSize.perSymbol).length > 0);
  const openOrdersOk = !maxOpenOrders.enabled || maxOpenOrders.count > 0;
  let lastParams: [unknown, unknown, unknown] | null = null;
  let lastParamsOk = false;

  const paramsOk = (intent: OrderIntent): boolean => {
    const { stopLossPercent: sl, takeProfitPercent: tp, positionSizePercent: ps } = intent;
    if (!lastParams || lastParams[0] !== sl || lastParams[1] !== tp || lastParams[2] !== ps) {
      lastParams = [sl, tp, ps];
      lastParamsOk =
        evaluateStrategyParams({ stopLossPercent: sl, takeProfitPercent: tp, positionSizePercent: ps }).length === 0;
    }
    return lastParamsOk;
  };

  /** (held + quantity) x price clearly within `percent` % of equity. */
  const withinCap = (intent: OrderIntent, percent: number): boolean => {
    const after = (intent.heldQuantity + intent.quantity) * intent.price;
    return after <= ((intent.equity * percent) / 100) * (1 - MARGIN);
  };

  return (intent, recent) => {
    const { quantity, price, heldQuantity, equity } = intent;
    // Non-finite numbers: the exact gate refuses them (Decimal.fromNumber throws).
    if (!(
      Number.isFinite(quantity) &&
      Number.isFinite(price) &&
      Number.isFinite(heldQuantity) &&
      Number.isFinite(equity)
    )) {
      return false;
    }
    if (!(quantity > 0 && price > 0)) return false;
    if (intent.side === 'sell') {
      // An exit: a sell of at most what is held; the exchange limits are unknown in a backtest.
      return heldQuantity > 0 && quantity <= heldQuantity;
    }
    if (intent.kind === 'exit' || !entriesSimple || !openOrdersOk) return false;
    if (!(equity > 0 && heldQuantity >= 0)) return false;
    if (!paramsOk(intent)) return false;
    if (maxOrdersPerMinute.enabled && !orderRateStatus(recent, intent.time, maxOrdersPerMinute.count).allowed) {
      return false;
    }
    if (capitalPerSymbol.enabled && !withinCap(intent, capitalPerSymbol.percent)) return false;
    if (totalExposure.enabled && !withinCap(intent, totalExposure.percent)) return false;
    return true;
  };
}
