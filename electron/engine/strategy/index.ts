/** The strategy language and evaluation: the public API (see each module for the details). */
export { checkCondition, type CheckContext, type CheckResult } from './check.js';
export {
  INDICATORS,
  KNOWN_NAMES,
  NAMED_CONDITIONS,
  type IndicatorDef,
  type IndicatorId,
  type Unit,
} from './catalog.js';
export { allocateColumns, sliceColumns, type OhlcvColumns } from './columns.js';
export { formatCond, type Cond, type SeriesSpec, type Value } from './cond.js';
export { alignToBase, closedIndexMap, resampleColumns } from './confirm-timeframe.js';
export { formatConditionError, type ConditionError, type Span } from './errors.js';
export { parseCondition, type ParseResult } from './parser.js';
export {
  checkStrategy,
  compileStrategy,
  evaluateSignals,
  signalAt,
  type CompileResult,
  type Signals,
  type StrategyIssue,
  type StrategyProgram,
} from './program.js';
export { classifyRegimes, REGIME_RULE, REGIME_UNKNOWN, regimeMask, regimeName } from './regime.js';
export { createTradeReturns, entryFraction, TradeReturns, type SizingDecision } from './sizing.js';
