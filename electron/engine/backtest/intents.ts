import type { Strategy } from '../../../shared/domain/strategy.js';
import type { BacktestVeto, OrderGate, OrderIntent } from './types.js';

/**
 * Building order intents and asking the risk gate: the part of the order logic that backtest,
 * paper and live share (the live order manager asks the same gate with the same intent).
 */
export function makeIntent(
  kind: 'entry' | 'exit',
  symbol: string,
  strategy: Strategy,
  time: number,
  index: number,
  price: number,
  quantity: number,
  equity: number,
  fraction: number,
): OrderIntent {
  return {
    kind,
    side: kind === 'entry' ? 'buy' : 'sell',
    symbol,
    time,
    index,
    price,
    quantity,
    notional: quantity * price,
    equity,
    fraction,
    heldQuantity: kind === 'entry' ? 0 : quantity,
    strategyName: strategy.name,
    stopLossPercent: strategy.stopLossPercent,
    takeProfitPercent: strategy.takeProfitPercent,
    positionSizePercent: strategy.positionSizePercent,
    reason: 'SIGNAL',
  };
}

/** Asks the gate; a veto is recorded with its rule. */
export function askGate(gate: OrderGate, intent: OrderIntent, vetoes: BacktestVeto[]): boolean {
  const decision = gate(intent);
  if (decision.approved) return true;
  vetoes.push({
    time: intent.time,
    index: intent.index,
    kind: intent.kind,
    side: intent.side,
    rule: decision.rule,
    detail: decision.detail,
  });
  return false;
}
