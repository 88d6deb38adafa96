/**
 * Walk-forward optimisation: the candles cut into windows, each an in-sample part (the sweep picks
 * its best set there) followed by an out-of-sample part (that set alone runs there, on candles the
 * choice never saw). Rolling windows move the in-sample part forward by `step`; anchored ones keep
 * its start and grow it by `step`. The out-of-sample run starts early by the set's warm-up candles
 * so that its indicators are ready, but decides nothing before the out-of-sample start: its first
 * fill is at the first out-of-sample candle, its last at the window's end (a position still open is
 * sold at the last close, as a backtest does).
 */
import { TIMEFRAME_MS } from '../../../shared/domain/market.js';
import type { StrategyDefinition } from '../../../shared/domain/strategy.js';
import type { Clock } from '../clock.js';
import type { OhlcvColumns } from '../strategy/columns.js';
import { warmupOf, type SetResult } from './evaluate.js';
import { bestSet, type Constraints, type Objective, type RankedSet } from './objectives.js';
import type { ParameterSet } from './ranges.js';
import { parameterSpace } from './space.js';
import { runSweep, type SweepExecutor, type SweepProgress } from './sweep.js';

export type WalkForwardSpec = { inSampleMs: number; outOfSampleMs: number; stepMs: number; anchored: boolean };

/** Candle index ranges [from, to) of one window. */
export type WalkForwardWindow = { index: number; inSample: [number, number]; outOfSample: [number, number] };

export class WalkForwardSpecError extends Error {
  override readonly name = 'WalkForwardSpecError';
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

function duration(text: string, what: string): number {
  const m = /^(\d+(?:\.\d+)?)([mhdw])$/.exec(text.trim());
  if (!m) throw new WalkForwardSpecError(`${what}: "${text}" is not a duration; write e.g. 60d, 12h or 2w`);
  return Number(m[1]) * UNIT_MS[m[2]!]!;
}

/** "is=60d,oos=15d,step=15d[,anchored]" (step defaults to oos). */
export function parseWalkForward(text: string): WalkForwardSpec {
  const parts = new Map<string, string>();
  let anchored = false;
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    if (part === 'anchored' || part === 'rolling') {
      anchored = part === 'anchored';
      continue;
    }
    const [key, value] = part.split('=');
    if (!key || value === undefined || !['is', 'oos', 'step'].includes(key)) {
      throw new WalkForwardSpecError(
        `walk-forward: "${part}"; write is=60d,oos=15d,step=15d (and optionally anchored)`,
      );
    }
    parts.set(key, value);
  }
  if (!parts.has('is') || !parts.has('oos'))
    throw new WalkForwardSpecError('walk-forward needs is=DURATION and oos=DURATION');
  const inSampleMs = duration(parts.get('is')!, 'is');
  const outOfSampleMs = duration(parts.get('oos')!, 'oos');
  const stepMs = parts.has('step') ? duration(parts.get('step')!, 'step') : outOfSampleMs;
  return { inSampleMs, outOfSampleMs, stepMs, anchored };
}

/** The first index whose time is >= t. */
function lowerBound(time: Float64Array, t: number): number {
  let lo = 0;
  let hi = time.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (time[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The windows that fit in the candles (the last out-of-sample part must be complete). */
export function walkForwardWindows(time: Float64Array, candleMs: number, spec: WalkForwardSpec): WalkForwardWindow[] {
  const n = time.length;
  if (n === 0) return [];
  const t0 = time[0]!;
  const end = time[n - 1]! + candleMs;
  const out: WalkForwardWindow[] = [];
  for (let k = 0; ; k++) {
    const isStart = spec.anchored ? t0 : t0 + k * spec.stepMs;
    const isEnd = t0 + spec.inSampleMs + k * spec.stepMs;
    const oosEnd = isEnd + spec.outOfSampleMs;
    if (oosEnd > end) break;
    const a = lowerBound(time, isStart);
    const b = lowerBound(time, isEnd);
    const c = lowerBound(time, oosEnd);
    if (b - a >= 2 && c - b >= 1) out.push({ index: out.length, inSample: [a, b], outOfSample: [b, c] });
  }
  return out;
}

export type WindowResult = {
  window: WalkForwardWindow;
  /** The best in-sample set (null: no set met the constraints; nothing traded out of sample). */
  best: RankedSet | null;
  /** That set out of sample (with its trades and equity). */
  outOfSample: SetResult | null;
  inSampleReturnPercent: number;
  outOfSampleReturnPercent: number;
};

export type WalkForwardRun = {
  executor: SweepExecutor;
  columns: OhlcvColumns;
  strategy: StrategyDefinition;
  sets: readonly ParameterSet[];
  spec: WalkForwardSpec;
  objective: Objective;
  constraints: Constraints;
  clock: Clock;
  /** In-sample results stored before, per window index (resume). */
  done?: ReadonlyMap<number, readonly SetResult[]>;
  onResults?: (windowIndex: number, results: SetResult[]) => void;
  onProgress?: (progress: SweepProgress & { window: number; windows: number }) => void;
  signal?: AbortSignal;
};

export type WalkForwardRaw = { windows: WindowResult[]; inSample: SetResult[][] };

/** Optimises every in-sample part and runs its best set out of sample. */
export async function runWalkForward(run: WalkForwardRun): Promise<WalkForwardRaw> {
  const candleMs = TIMEFRAME_MS[run.strategy.timeframe];
  const windows = walkForwardWindows(run.columns.time, candleMs, run.spec);
  if (windows.length === 0) {
    throw new WalkForwardSpecError(
      'the candles are too short for one walk-forward window: shorten is= or oos=, or load more history',
    );
  }
  const space = parameterSpace(run.strategy);
  const out: WindowResult[] = [];
  const inSample: SetResult[][] = [];
  for (const window of windows) {
    const [a, b] = window.inSample;
    const results = await runSweep({
      executor: run.executor,
      window: { from: a, to: b, tradeFrom: a },
      sets: run.sets,
      done: run.done?.get(window.index) ?? [],
      onResults: (r) => run.onResults?.(window.index, r),
      onProgress: (p) => run.onProgress?.({ ...p, window: window.index, windows: windows.length }),
      clock: run.clock,
      ...(run.signal ? { signal: run.signal } : {}),
    });
    inSample.push(results);
    const best = bestSet(results, run.objective, run.constraints);
    let outOfSample: SetResult | null = null;
    if (best) {
      const warmup = warmupOf(space.apply(best.values));
      const [c, d] = window.outOfSample;
      const [oos] = await run.executor.runChunk(
        {
          window: { from: Math.max(0, c - warmup), to: d, tradeFrom: c },
          sets: [{ index: best.index, values: best.values }],
          keep: true,
        },
        run.signal,
      );
      outOfSample = oos ?? null;
    }
    out.push({
      window,
      best,
      outOfSample,
      inSampleReturnPercent: best?.metrics?.netProfitPercent ?? 0,
      outOfSampleReturnPercent: outOfSample?.metrics?.netProfitPercent ?? 0,
    });
  }
  return { windows: out, inSample };
}
