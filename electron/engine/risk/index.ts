/** The risk controls: one pure gate for every order, the kill switch, protect mode, loss limits and sizing. */
export { evaluateOrder, isExit } from './risk-gate.js';
export type { OrderIntent, RiskContext, RiskDecision, RiskOpenOrder, RiskPosition } from './types.js';
export { evaluateStrategyParams, type StrategyRiskParams } from './strategy-params.js';
export {
  describeKillSwitch,
  engageKillSwitch,
  initialKillSwitch,
  KILL_SWITCH_HISTORY_LIMIT,
  killSwitchActions,
  rearmKillSwitch,
  type EngageRequest,
  type EngageResult,
  type KillSwitchAction,
  type RearmRequest,
  type RearmResult,
} from './kill-switch.js';
export {
  applyProtectEvent,
  initialProtectState,
  PROTECT_EVENTS,
  protectFreezeReason,
  type ProtectEvent,
  type ProtectTransition,
} from './protect-mode.js';
export {
  assessLosses,
  DAY_MS,
  lossTrackerFromSnapshot,
  lossTrackerToSnapshot,
  markEquity,
  rebaseAfterRearm,
  startLossTracker,
  utcDayStart,
  type LossAssessment,
  type LossBreach,
  type LossLimitStatus,
  type LossTrackerState,
  type MarkResult,
} from './loss-tracker.js';
export { atrPauseStatus, isAtrSpike, type AtrPauseStatus, type AtrSeries, type AtrSpike } from './atr-spike.js';
export { orderRateStatus, ordersInWindow, pruneOrderTimes, RATE_WINDOW_MS, type RateStatus } from './order-rate.js';
export { estimateSlippage, spreadOf, type SlippageEstimate, type SpreadEstimate } from './book-checks.js';
export { exchangeLimitsOf, type ExchangeLimits } from './exchange-limits.js';
export { exposureOf } from './exposure.js';
export {
  fixedFractionSize,
  kellyFraction,
  kellySize,
  volatilitySize,
  type SizeRefusal,
  type SizeResult,
  type SizingMarket,
} from './sizing.js';
