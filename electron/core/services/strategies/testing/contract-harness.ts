/**
 * What the strategies contract tests share: calls through the real core's dispatch, a poll for
 * what the core does in the background, a backtest summary stored as strategies.backtest would,
 * and the cores they start (runs: the simulator's orders started; backtests and the gauntlet: a
 * strategy made from a template, with its job progress collected).
 */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { JobProgress } from '../../../../../shared/domain/backtest-report.js';
import type { Timeframe } from '../../../../../shared/domain/market.js';
import type { QualityGrade } from '../../../../../shared/domain/strategy.js';
import type { Clock } from '../../../../engine/clock.js';
import { createStrategyRepo } from '../../../../persistence/repositories/strategy-repo.js';
import { DATABASE_FILE } from '../../../create-core.js';
import { createTempCore, type TempCore } from '../../../testing/temp-core.js';

export type Ok<T> = { ok: true; data: T };
export type Failed = { ok: false; error: { code: string; message: string } };

/** `call` answers the envelope; `data` its data, or throws with the error. `core()`: the core in use now. */
export function contractCalls(core: () => TempCore) {
  const call = (name: string, input: unknown = {}) => core().core.dispatch(name, input, { transport: 'test' });
  async function data<T>(name: string, input: unknown = {}): Promise<T> {
    const r = (await call(name, input)) as { ok: boolean; data?: T; error?: unknown };
    if (!r.ok) throw new Error(`${name} failed: ${JSON.stringify(r.error)}`);
    return r.data as T;
  }
  return { call, data };
}

/** Polls `check` until it holds; fails naming `what` after `ms`. */
export async function until(check: () => Promise<boolean> | boolean, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Stores a BTC/USD backtest summary as strategies.backtest would (for tests where the backtest is not what is tested). */
export function seedBacktest(
  dataDir: string,
  seed: { strategyId: string; timeframe: Timeframe; grade: QualityGrade; ranAt: number },
): void {
  const { strategyId, timeframe, grade, ranAt } = seed;
  const db = new BetterSqlite3(path.join(dataDir, DATABASE_FILE));
  const summary = {
    symbol: 'BTC/USD',
    timeframe,
    grade,
    reasons: [],
    from: 0,
    to: 1,
    candles: 100,
    trades: 12,
    netProfitPercent: 1,
    winRatePercent: 50,
    profitFactor: 1.3,
    maxDrawdownPercent: 5,
    sharpe: 1,
    ranAt,
  };
  createStrategyRepo(db).saveBacktest({ strategyId, symbol: 'BTC/USD', timeframe, grade, summary, ranAt });
  db.close();
}

/** A core for the run tests on `clock`: the simulator's orders started, the risk engine's ATR spike rule off. */
export async function startRunsCore(clock: Clock): Promise<TempCore> {
  const t = await createTempCore({ clock });
  await t.core.services.orders.start();
  // The simulator's volatility bursts trip the ATR spike rule now and then; runs have their own breakers.
  await contractCalls(() => t).call('risk.settings.update', { atrSpike: { enabled: false } });
  return t;
}

/** A core with a strategy made from `templateId`; every strategies.progress event goes into `progress`. */
/** The simulated time the contract tests' market starts at (with seed 1). */
export const SIM_START = Date.UTC(2026, 0, 1);

export async function startWithTemplate(
  templateId: string,
  progress: JobProgress[],
): Promise<{ t: TempCore; strategyId: string }> {
  // A fixed simulator start: the same 90 days of history on every run, whatever the date (a
  // strategy's trades, and so the assertions on them, must not depend on when the test runs).
  const t = await createTempCore({ simStart: SIM_START });
  t.core.events.subscribe((name, payload) => {
    if (name === 'strategies.progress') progress.push(payload as JobProgress);
  });
  const created = (await contractCalls(() => t).call('strategies.create', { templateId })) as Ok<{ id: string }>;
  return { t, strategyId: created.data.id };
}
