/**
 * The backtester's OrderGate over the pure risk gate (electron/engine/risk evaluateOrder): a
 * context built from the backtest's own state (the time of the decision, equity, the quantity
 * held, the orders it placed in the last minute). A backtest has no order book, ATR series,
 * exchange market info or loss tracker, so the spread, slippage, ATR spike, exchange-limit and
 * loss-limit checks are skipped, as the risk gate does whenever that data is missing.
 */
import type { RiskSettings } from '../../../shared/domain/risk.js';
import { Decimal } from '../money/decimal.js';
import { initialKillSwitch } from '../risk/kill-switch.js';
import { pruneOrderTimes } from '../risk/order-rate.js';
import { initialProtectState, protectFreezeReason } from '../risk/protect-mode.js';
import { evaluateOrder } from '../risk/risk-gate.js';
import type { OrderIntent as RiskIntent, RiskContext } from '../risk/types.js';
import { gateFastPath } from './gate-fast-path.js';
import { APPROVED, type GateDecision, type OrderGate, type OrderIntent } from './types.js';

/**
 * A gate that asks evaluateOrder with `settings` for every backtest intent; a Veto becomes {rule, detail}.
 * `fastPath: false` asks it every time (tests); by default the intents it would certainly approve
 * are approved in doubles (gate-fast-path.ts: the same decisions, without the decimal conversions).
 */
export function riskGateForBacktest(settings: RiskSettings, options: { fastPath?: boolean } = {}): OrderGate {
  let recent: number[] = [];
  const killSwitch = initialKillSwitch();
  const protect = initialProtectState();
  const entriesOpen = !killSwitch.engaged && protectFreezeReason(protect, settings.protect) === null;
  const fast = options.fastPath === false ? null : gateFastPath(settings, entriesOpen);
  return (intent: OrderIntent): GateDecision => {
    recent = pruneOrderTimes(recent, intent.time);
    if (fast?.(intent, recent)) {
      recent.push(intent.time);
      return APPROVED;
    }
    const price = Decimal.fromNumber(intent.price);
    const riskIntent: RiskIntent = {
      symbol: intent.symbol,
      side: intent.side,
      quantity: Decimal.fromNumber(intent.quantity),
      priceEstimate: price,
      source: 'strategy',
      reduceOnly: intent.kind === 'exit',
      strategyParams: {
        stopLossPercent: intent.stopLossPercent,
        takeProfitPercent: intent.takeProfitPercent,
        positionSizePercent: intent.positionSizePercent,
      },
    };
    const context: RiskContext = {
      now: intent.time,
      equity: Decimal.fromNumber(intent.equity),
      positions:
        intent.heldQuantity > 0
          ? { [intent.symbol]: { quantity: Decimal.fromNumber(intent.heldQuantity), markPrice: price } }
          : {},
      openOrders: [],
      recentOrderTimes: recent,
      market: null,
      book: null,
      atr: null,
      killSwitch,
      protect,
      lossTracker: null,
    };
    const decision = evaluateOrder(riskIntent, context, settings, { warnings: false });
    if (decision.approved) {
      recent.push(intent.time);
      return APPROVED;
    }
    return { approved: false, rule: decision.veto.rule, detail: decision.veto.message };
  };
}
