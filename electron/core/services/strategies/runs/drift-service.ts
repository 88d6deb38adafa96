/**
 * Drift of a running (or stopped) signal strategy from its backtest: the run's own strategy
 * version (the definition snapshot taken at activation) is backtested over the candles the run
 * saw, with the fee rate and slippage a backtest assumes by default (Settings' default fee rate,
 * the backtester's slippage), and compared trade by trade with the run's fills
 * (engine/drift). After every trade a run closes, the drift is checked against the trader's
 * thresholds (Settings > drift): beyond them an alert is raised and, if chosen, the run paused.
 */
import { BacktestSettings, Strategy } from '../../../../../shared/domain/strategy.js';
import { TIMEFRAME_MS, type Timeframe } from '../../../../../shared/domain/market.js';
import type { DriftReport } from '../../../../../shared/domain/drift.js';
import type { DriftSettings } from '../../../../../shared/domain/drift.js';
import { AppError } from '../../../../../shared/ipc/envelope.js';
import { columnsFromArrays, runBacktest } from '../../../../engine/backtest/index.js';
import { compareTrades } from '../../../../engine/drift/compare.js';
import { engineToMarket } from '../../../../engine/drift/market-time.js';
import { tradesFromBacktest, tradesFromFills } from '../../../../engine/drift/live-trades.js';
import { compileStrategy, evaluateSignals, type Signals } from '../../../../engine/strategy/program.js';
import type { Clock } from '../../../../engine/clock.js';
import type { Logger } from '../../../../logging/types.js';
import type { EventBus } from '../../../event-bus.js';
import type { StrategyRunView } from '../../../../../shared/domain/strategy-runs.js';
import type { StrategyRunRepo } from '../../../../persistence/repositories/strategy-run-repo.js';
import { runFills } from './run-fills.js';
import type { MarketService } from '../../market-service.js';
import type { OrderService } from '../../orders/order-service.js';

/** Candles before the first compared one, so that the indicators have settled as they had live. */
const SETTLE_CANDLES = 300;
const MAX_CANDLES = 300_000;

export type DriftService = {
  report(runId: string): Promise<DriftReport>;
  /** A run's position went flat (a trade closed): compare, alert and pause beyond the thresholds. */
  check(runId: string): Promise<void>;
};

export type DriftDeps = {
  repo: Pick<StrategyRunRepo, 'get' | 'orders'>;
  orders: Pick<OrderService, 'get' | 'list'>;
  market: Pick<MarketService, 'candles' | 'source'>;
  settings: () => { defaultFeeRate: number; drift: DriftSettings };
  clock: Clock;
  logger: Logger;
  /** Raises the drift alert (alerts service, event "drift"). */
  alert: (title: string, message: string, symbol: string) => void;
  pause: (runId: string, reason: string) => void;
  /** The market's time when the run started, when it was recorded (runs since the arena). */
  marketStart?: (runId: string) => number | null;
};

export function createDriftService(d: DriftDeps): DriftService {
  async function report(runId: string): Promise<DriftReport> {
    const row = d.repo.get(runId);
    if (!row) throw new AppError('not_found', `there is no strategy run ${runId}`);
    if (row.kind !== 'signal') {
      throw new AppError(
        'invalid_input',
        'drift is measured for signal strategies: a grid trades level by level, which the trade-by-trade comparison does not pair',
      );
    }
    const strategy = Strategy.parse(row.definition);
    const compiled = compileStrategy(strategy);
    if (!compiled.ok) throw new AppError('invalid_input', "the run's strategy no longer compiles");
    const timeframe = row.timeframe as Timeframe;
    const candleMs = TIMEFRAME_MS[timeframe];
    const marketNow = d.market.source().now?.() ?? d.clock.now();
    const recorded = d.marketStart?.(runId) ?? null;
    // Fills carry the engine's time; the simulator's market may run faster: fills are moved onto its clock.
    const toMarket = engineToMarket(recorded === null ? null : { engine: row.startedAt, market: recorded }, {
      engine: d.clock.now(),
      market: marketNow,
    });
    const live = tradesFromFills(
      runFills(d, row.id, row.symbol).map((f) => ({
        time: toMarket(f.time),
        side: f.side,
        price: Number(f.price),
        quantity: Number(f.quantity),
        fee: Number(f.fee),
      })),
    );
    const to = row.lastEvaluatedAt ?? d.clock.now();
    // The run's start on the market's clock: recorded at activation; for older runs the wall clock's,
    // except on a simulator running faster than real time, where the first entry is the earliest point.
    const sameClock = Math.abs(marketNow - d.clock.now()) < candleMs;
    const firstEntry = live[0]?.entryTime ?? to;
    const start =
      recorded !== null
        ? Math.min(recorded, firstEntry)
        : sameClock
          ? Math.min(row.startedAt, firstEntry)
          : firstEntry - candleMs;
    const warmup = compiled.program.warmupCandles + SETTLE_CANDLES;
    const count = Math.min(MAX_CANDLES, Math.ceil((to - start) / candleMs) + warmup + 1);
    const result = await d.market.candles({ symbol: row.symbol, timeframe, to, limit: count });
    const columns = columnsFromArrays(result.candles);
    const assumed = BacktestSettings.parse({ feeRate: d.settings().defaultFeeRate });
    const backtest =
      columns.length > 1
        ? runBacktest({
            strategy: compiled.program,
            candles: columns,
            symbol: row.symbol,
            settings: assumed,
            signals: flatUntil(evaluateSignals(compiled.program, columns), columns.time, candleMs, start),
          })
        : null;
    const compared = (backtest?.trades ?? []).filter((t) => t.entryTime >= start);
    const thresholds = d.settings().drift;
    const summary = compareTrades({
      backtest: tradesFromBacktest(compared),
      live,
      candleMs,
      positionFraction: strategy.positionSizePercent / 100,
      thresholds,
    });
    return {
      runId,
      computedAt: d.clock.now(),
      from: start,
      to,
      candles: columns.time.filter((t) => t >= start).length,
      assumed: { feeRate: assumed.feeRate, slippage: assumed.slippage },
      ...summary,
      thresholds,
    };
  }

  return {
    report,
    async check(runId) {
      const row = d.repo.get(runId);
      if (!row || row.kind !== 'signal') return;
      const r = await report(runId);
      if (r.breaches.length === 0) return;
      const text = r.breaches.join('; ');
      d.logger.warn('strategy', `${row.strategyName} on ${row.symbol} drifts from its backtest: ${text}`, { runId });
      d.alert(`${row.strategyName} on ${row.symbol} drifts from its backtest`, text, row.symbol);
      if (r.thresholds.pauseOnBreach && row.state === 'RUNNING') d.pause(runId, `drift from the backtest: ${text}`);
    },
  };
}

/**
 * The signals with no entry decided before `start`: the run began flat at its start, so its
 * backtest must too (a backtest trading through the warm-up could be in a position, or between
 * trades, when the run had just begun, and every later trade would be out of step). The candles
 * before the start still settle the indicators.
 */
function flatUntil(signals: Signals, time: Float64Array, candleMs: number, start: number): Signals {
  const entry = signals.entry.slice();
  // The run decides at closes after its start, never at the one it started on.
  for (let i = 0; i < entry.length && time[i]! + candleMs <= start; i++) entry[i] = 0;
  return { ...signals, entry };
}

/** Calls `onTradeClosed` when a run's position goes back to flat (a trade closed); answers the unsubscribe. */
export function watchClosedTrades(bus: EventBus, onTradeClosed: (runId: string) => void): () => void {
  const held = new Map<string, boolean>();
  return bus.subscribe((name, payload) => {
    if (name !== 'strategies.runUpdated') return;
    const run = payload as StrategyRunView;
    const holding = Number(run.positionQuantity) !== 0;
    if (held.get(run.runId) === true && !holding) onTradeClosed(run.runId);
    held.set(run.runId, holding);
  });
}
