import { TIMEFRAME_MS, TIMEFRAMES, Timeframe } from '../../../shared/domain/market.js';
import { Strategy } from '../../../shared/domain/strategy.js';
import { checkCondition, type CheckContext } from './check.js';
import type { OhlcvColumns } from './columns.js';
import { collectSeries, seriesKey, type Cond, type SeriesSpec } from './cond.js';
import type { ConditionError } from './errors.js';
import { combine, evaluateCond } from './evaluate.js';
import { classifyRegimes, REGIME_RULE, REGIME_UNKNOWN, regimeMask } from './regime.js';
import { lookback, SeriesCache } from './series.js';

/**
 * A strategy compiled for evaluation: its conditions checked and resolved, the list of series it
 * reads. evaluateSignals() runs it over a candle set in one batch. The backtest runs it over the
 * whole history; live and paper trading run the same function over the candles they hold and read
 * the signal of the last closed candle (signalAt), so all three evaluate a strategy identically.
 */
export type StrategyProgram = {
  readonly strategy: Strategy;
  readonly entry: readonly Cond[];
  readonly exit: readonly Cond[];
  /** Every series read by a condition or by the sizing (not the regime classifier's own inputs). */
  readonly series: readonly SeriesSpec[];
  /**
   * Candles of the strategy's timeframe before the first possible signal on gap-free data (at most
   * this many when the data does not start on a confirm timeframe's boundary): the history a live
   * evaluation needs at the very least. EMA-based values (EMA, MACD, RSI, ATR, ADX) depend on the
   * whole history, so live and backtest agree exactly only when they start from the same candle.
   */
  readonly warmupCandles: number;
  /** Keys of the series read at the previous candle too (crosses). */
  readonly previousKeys: ReadonlySet<string>;
  readonly sizingAtr: SeriesSpec | null;
};

/** Per-candle results (index = candle index; a signal at i is decided at the close of candle i). */
export type Signals = {
  length: number;
  /** 1: all entry conditions hold, every value the strategy reads is known, the regime (if filtered) is allowed. */
  entry: Uint8Array;
  /** 1: at least one exit condition holds and every value is known. */
  exit: Uint8Array;
  /** 1: every series the strategy reads has a value at this candle (and the previous one, for crosses). */
  ready: Uint8Array;
  /** The first ready candle, -1 if none. */
  firstReady: number;
  /** Regime codes (regime.ts) when the strategy has a regime filter, else null. */
  regime: Uint8Array | null;
  /** ATR as % of the close, for volatility sizing; else null. */
  atrPercent: Float64Array | null;
};

export type StrategyIssue = {
  /** Where in the strategy JSON, e.g. ["entryConditions", 1]. */
  path: (string | number)[];
  message: string;
  /** For a condition: the position in its text and a suggestion. */
  condition?: ConditionError;
};

export type CompileResult = { ok: true; program: StrategyProgram } | { ok: false; issues: StrategyIssue[] };

/** Checks every condition of a (schema-valid) strategy and compiles it. */
export function compileStrategy(strategy: Strategy): CompileResult {
  const context: CheckContext = { timeframe: strategy.timeframe, confirmTimeframes: strategy.confirmTimeframes ?? [] };
  const issues: StrategyIssue[] = [];
  const checkList = (field: 'entryConditions' | 'exitConditions') =>
    strategy[field].flatMap((text, index) => {
      const r = checkCondition(text, context);
      if (r.ok) return [r.cond];
      for (const e of r.errors) issues.push({ path: [field, index], message: e.message, condition: e });
      return [];
    });
  const entry = checkList('entryConditions');
  const exit = checkList('exitConditions');
  if (issues.length > 0) return { ok: false, issues };

  const used = new Map<string, { spec: SeriesSpec; previous: boolean }>();
  for (const c of [...entry, ...exit]) collectSeries(c, used);
  let sizingAtr: SeriesSpec | null = null;
  if (strategy.sizing?.method === 'volatility') {
    const params = [strategy.sizing.atrPeriod];
    sizingAtr = { id: 'ATR', params, timeframe: null, key: seriesKey('ATR', params, null) };
    if (!used.has(sizingAtr.key)) used.set(sizingAtr.key, { spec: sizingAtr, previous: false });
  }
  const candleMs = TIMEFRAME_MS[strategy.timeframe];
  let warmupCandles = strategy.regimeFilter ? REGIME_RULE.atrPeriod + REGIME_RULE.atrAveragePeriod - 1 : 0;
  for (const { spec, previous } of used.values()) {
    warmupCandles = Math.max(warmupCandles, lookback(spec, candleMs) + (previous ? 1 : 0));
  }
  const previousKeys = new Set([...used.values()].filter((u) => u.previous).map((u) => u.spec.key));
  const series = [...used.values()].map((u) => u.spec);
  return { ok: true, program: { strategy, entry, exit, series, warmupCandles, previousKeys, sizingAtr } };
}

/**
 * The condition problems of strategy JSON whose schema failed (so that they show together with the
 * schema's): each condition text is checked on its own. With no valid timeframe or confirm
 * timeframes to check `@tf` against, any is accepted (the schema's problem says what to fix first).
 */
function conditionIssuesOf(input: unknown, schemaIssues: StrategyIssue[]): StrategyIssue[] {
  if (typeof input !== 'object' || input === null) return [];
  const raw = input as Record<string, unknown>;
  const timeframe = Timeframe.safeParse(raw.timeframe);
  const confirm = Timeframe.array().safeParse(raw.confirmTimeframes ?? []);
  const context: CheckContext =
    timeframe.success && confirm.success
      ? { timeframe: timeframe.data, confirmTimeframes: confirm.data }
      : { timeframe: '1m', confirmTimeframes: TIMEFRAMES };
  const reported = new Set(schemaIssues.map((i) => JSON.stringify(i.path)));
  const issues: StrategyIssue[] = [];
  for (const field of ['entryConditions', 'exitConditions'] as const) {
    const list = raw[field];
    if (!Array.isArray(list)) continue;
    list.forEach((text, index) => {
      if (typeof text !== 'string' || reported.has(JSON.stringify([field, index]))) return;
      const r = checkCondition(text, context);
      if (!r.ok) for (const e of r.errors) issues.push({ path: [field, index], message: e.message, condition: e });
    });
  }
  return issues;
}

/** Schema check plus condition check of strategy JSON: every problem at once, each with its path. */
export function checkStrategy(
  input: unknown,
): { ok: true; strategy: Strategy; program: StrategyProgram } | { ok: false; issues: StrategyIssue[] } {
  const parsed = Strategy.safeParse(input);
  if (!parsed.success) {
    const issues: StrategyIssue[] = parsed.error.issues.map((i) => ({
      path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      message: i.message,
    }));
    return { ok: false, issues: [...issues, ...conditionIssuesOf(input, issues)] };
  }
  const compiled = compileStrategy(parsed.data);
  return compiled.ok ? { ok: true, strategy: parsed.data, program: compiled.program } : compiled;
}

/**
 * Entry and exit signals for every candle of `columns` (in the strategy's timeframe): every series
 * computed once, conditions evaluated as whole arrays, nothing signalled at a candle where some
 * value the strategy reads is unknown.
 */
export function evaluateSignals(
  program: StrategyProgram,
  columns: OhlcvColumns,
  /** A cache over exactly these columns, shared by several strategies (parameter sweeps). */
  shared?: SeriesCache,
): Signals {
  const n = columns.length;
  if (shared && shared.columns !== columns) throw new RangeError('the shared series cache is for other candles');
  const cache = shared ?? new SeriesCache(columns, TIMEFRAME_MS[program.strategy.timeframe]);
  const source = (spec: SeriesSpec) => cache.get(spec);

  const ready = readiness(program, cache, n);
  const filter = program.strategy.regimeFilter;
  let regime: Uint8Array | null = null;
  // combine() writes into its first part: each list starts with an array made here.
  const entryParts =
    program.entry.length > 0 ? program.entry.map((c) => evaluateCond(c, source, n)) : [new Uint8Array(n).fill(1)];
  if (filter) {
    regime = classifyRegimes(columns);
    for (let i = 0; i < n; i++) if (regime[i] === REGIME_UNKNOWN) ready[i] = 0;
    entryParts.push(regimeMask(regime, filter));
  }
  entryParts.push(ready);
  const entry = combine(entryParts, 'and', n);
  const exit = combine(
    [
      combine(
        program.exit.map((c) => evaluateCond(c, source, n)),
        'or',
        n,
      ),
      ready,
    ],
    'and',
    n,
  );
  return {
    length: n,
    entry,
    exit,
    ready,
    firstReady: ready.indexOf(1),
    regime,
    atrPercent: program.sizingAtr ? cache.get(program.sizingAtr) : null,
  };
}

/** The decision at the close of candle `index` (default: the last one), as live trading reads it. */
export function signalAt(
  signals: Signals,
  index = signals.length - 1,
): { entry: boolean; exit: boolean; ready: boolean } {
  return { entry: signals.entry[index] === 1, exit: signals.exit[index] === 1, ready: signals.ready[index] === 1 };
}

/**
 * 1 at each candle where every series the strategy reads has a value (and had one at the previous
 * candle, for series used in a cross). Indicators are NaN only during their warm-up, so each series
 * is scanned up to its first value and then checked in one tight loop for any later gap.
 */
function readiness(program: StrategyProgram, cache: SeriesCache, n: number): Uint8Array {
  const ready = new Uint8Array(n).fill(1);
  for (const spec of program.series) {
    const s = cache.get(spec);
    const shift = program.previousKeys.has(spec.key) ? 1 : 0;
    let first = 0;
    while (first < n && s[first] !== s[first]) first++;
    ready.fill(0, 0, Math.min(n, first + shift));
    let gaps = false;
    for (let i = first; i < n; i++) if (s[i] !== s[i]) gaps = true;
    if (!gaps) continue;
    for (let i = first; i < n; i++) {
      if (s[i] === s[i]) continue;
      ready[i] = 0;
      if (i + shift < n) ready[i + shift] = 0;
    }
  }
  return ready;
}
