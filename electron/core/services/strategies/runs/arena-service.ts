/**
 * The paper arena: each strategy run (and, through `advisors`, each AI advisor) on its own sub-account, replayed from the run's own fills
 * (engine/arena/sub-account.ts), and the leaderboard that ranks them by return. A run activated
 * with a capital sizes its entries from its sub-account (runner.ts reads `account`); the risk gate
 * still checks every order against the whole account.
 */
import type { LeaderboardRow } from '../../../../../shared/domain/arena.js';
import {
  rankMetrics,
  replaySubAccount,
  type AccountFill,
  type EquityPoint,
} from '../../../../engine/arena/sub-account.js';
import { tradesFromFills } from '../../../../engine/drift/live-trades.js';
import { Decimal } from '../../../../engine/money/decimal.js';
import type { Clock } from '../../../../engine/clock.js';
import type { Logger } from '../../../../logging/types.js';
import type { RunAccountRepo } from '../../../../persistence/repositories/run-account-repo.js';
import type { RunRow, StrategyRunRepo } from '../../../../persistence/repositories/strategy-run-repo.js';
import type { MarketService } from '../../market-service.js';
import type { OrderService } from '../../orders/order-service.js';
import { runFills } from './run-fills.js';

export type ArenaService = {
  /** Records a new run's sub-account: its capital, or the account's equity now when it shares it. */
  open(row: Pick<RunRow, 'id'>, capital: string | null): Promise<void>;
  /** The run's own equity, cash and position (at `price`) when it has a capital; null when it shares the account. */
  account(runId: string): Promise<RunAccount | null>;
  leaderboard(): Promise<LeaderboardRow[]>;
};

export type RunAccount = { equity: Decimal; cash: Decimal; quantity: Decimal; price: Decimal };

export type ArenaDeps = {
  runs: Pick<StrategyRunRepo, 'list' | 'get' | 'orders'>;
  accounts: RunAccountRepo;
  orders: Pick<OrderService, 'get' | 'list' | 'portfolio'>;
  market: Pick<MarketService, 'ticker' | 'source'>;
  clock: Clock;
  logger: Logger;
  /** The arena's AI advisors' rows (ai/advisor/arena-advisors.ts). */
  advisors?: () => Promise<LeaderboardRow[]>;
};

/**
 * What ranks a sub-account: return, drawdown and Sharpe of its equity curve, and the win rate of
 * its closed trades (`fills` per symbol: an entry and its exit pair within one symbol).
 */
export function rankFigures(
  base: Decimal,
  curve: readonly EquityPoint[],
  equity: Decimal,
  fills: readonly (readonly AccountFill[])[],
): Pick<LeaderboardRow, 'returnPercent' | 'maxDrawdownPercent' | 'sharpe' | 'winRatePercent' | 'trades'> {
  const metrics = rankMetrics(base.toNumber(), curve, equity.toNumber());
  const closed = fills
    .flatMap((one) =>
      tradesFromFills(
        one.map((f) => ({ ...f, price: Number(f.price), quantity: Number(f.quantity), fee: Number(f.fee) })),
      ),
    )
    .filter((t) => t.returnPercent !== null);
  return {
    ...metrics,
    winRatePercent:
      closed.length === 0 ? null : (closed.filter((t) => t.returnPercent! > 0).length / closed.length) * 100,
    trades: closed.length,
  };
}

export function createArena(d: ArenaDeps): ArenaService {
  const marketNow = () => d.market.source().now?.() ?? d.clock.now();

  async function ensure(runId: string, capital: string | null) {
    const existing = d.accounts.get(runId);
    if (existing) return existing;
    const portfolio = await d.orders.portfolio();
    d.accounts.insert({
      runId,
      capital,
      baseEquity: capital ?? portfolio.equity,
      currency: portfolio.quoteCurrency,
      marketStartedAt: marketNow(),
    });
    return d.accounts.get(runId)!;
  }

  async function mark(symbol: string): Promise<{ time: number; price: Decimal } | null> {
    try {
      const t = await d.market.ticker(symbol);
      const price = Decimal.tryParse(String(t.last));
      // On the engine's clock, as the fills are (a simulator may run ahead of it).
      return price && price.isPositive() ? { time: d.clock.now(), price } : null;
    } catch {
      return null;
    }
  }

  async function replay(row: RunRow, capital: Decimal) {
    const fills = runFills({ repo: d.runs, orders: d.orders }, row.id, row.symbol);
    const m = await mark(row.symbol);
    return { fills, mark: m, ...replaySubAccount(capital, fills, m) };
  }

  return {
    async open(row, capital) {
      await ensure(row.id, capital);
    },
    async account(runId) {
      const acc = d.accounts.get(runId);
      const row = d.runs.get(runId);
      if (!acc?.capital || !row) return null;
      const { account, mark: m } = await replay(row, Decimal.parse(acc.capital));
      const price = m?.price ?? account.averageEntry;
      return { equity: account.equity, cash: account.cash, quantity: account.quantity, price };
    },
    async leaderboard() {
      const rows: LeaderboardRow[] = [];
      for (const run of d.runs.list()) {
        const acc = await ensure(run.id, null).catch((error: unknown) => {
          d.logger.warn('strategy', `no sub-account for run ${run.id}`, { error });
          return null;
        });
        if (!acc) continue;
        const base = Decimal.parse(acc.baseEquity);
        const { account, curve, fills } = await replay(run, base);
        const end = run.state === 'STOPPED' ? run.updatedAt : d.clock.now();
        rows.push({
          runId: run.id,
          strategyName: run.strategyName,
          kind: run.kind,
          model: null,
          symbol: run.symbol,
          timeframe: run.timeframe,
          mode: run.mode,
          state: run.state,
          capital: acc.capital,
          baseEquity: acc.baseEquity,
          currency: acc.currency,
          equity: account.equity.toFixed(2),
          cash: account.cash.toFixed(2),
          positionQuantity: account.quantity.toString(),
          realizedPnl: account.realizedPnl.toFixed(2),
          unrealizedPnl: account.unrealizedPnl.toFixed(2),
          fees: account.fees.toFixed(2),
          ...rankFigures(base, curve, account.equity, [fills]),
          startedAt: run.startedAt,
          runningMs: Math.max(0, end - run.startedAt),
          curve,
        });
      }
      rows.push(...((await d.advisors?.()) ?? []));
      return rows.sort((a, b) => b.returnPercent - a.returnPercent);
    },
  };
}
