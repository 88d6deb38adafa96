/**
 * AI advisors in the paper arena: several at once, each with its own model, instructions, watched
 * symbols and schedule, and its own sub-account (a starting capital, then only its own fills).
 * Each is an advisor service (advisor-service.ts) over a scope of its own: its request and decision
 * rows, its settings, and a view of the orders that shows it only its own account, so Claude sizes
 * a BUY from the advisor's equity and SELLs only what the advisor holds. Every order still goes
 * through the order service and its risk gate, which check the whole account. An advisor trades on
 * the venue it was added on (simulator or paper) and is stopped when the app switches to another;
 * a stopped advisor keeps its row on the leaderboard and its decisions with their reasoning.
 */
import type { AdvisorDecision, AiModel } from '../../../../../shared/domain/ai.js';
import type { z } from 'zod';
import type { ArenaAdvisorInput, ArenaAdvisorView, LeaderboardRow } from '../../../../../shared/domain/arena.js';
import type { OrderView, PortfolioView } from '../../../../../shared/domain/orders.js';
import type { Settings } from '../../../../../shared/domain/settings.js';
import { AppError } from '../../../../../shared/ipc/envelope.js';
import type { Clock } from '../../../../engine/clock.js';
import { replayBook, type AccountFill, type Mark } from '../../../../engine/arena/sub-account.js';
import { Decimal } from '../../../../engine/money/decimal.js';
import type { Logger } from '../../../../logging/types.js';
import type { AdvisorRepo } from '../../../../persistence/repositories/advisor-repo.js';
import type { ArenaAdvisorRepo, ArenaAdvisorRow } from '../../../../persistence/repositories/arena-advisor-repo.js';
import type { MarketService } from '../../market-service.js';
import type { OrderService } from '../../orders/order-service.js';
import type { SubAccountLimits } from '../../orders/risk-gate.js';
import { rankFigures } from '../../strategies/runs/arena-service.js';
import type { AdvisorService } from './advisor-service.js';
import type { AdvisorScope } from './create-advisor.js';

/** Decisions read back to find an advisor's orders (its whole history, in practice). */
const ALL_DECISIONS = 100_000;

export type ArenaAdvisors = {
  add(input: z.output<typeof ArenaAdvisorInput>): Promise<ArenaAdvisorView>;
  list(): Promise<ArenaAdvisorView[]>;
  stop(id: string, reason?: string): Promise<ArenaAdvisorView>;
  /** Asks this advisor's model now (refused with the reason when it is blocked). */
  runNow(id: string): Promise<AdvisorDecision[]>;
  decisions(id: string, limit: number): AdvisorDecision[];
  leaderboard(): Promise<LeaderboardRow[]>;
  /** Resumes the schedules of the running advisors (after a restart). */
  start(): void;
  close(): Promise<void>;
};

export type ArenaAdvisorsDeps = {
  repo: ArenaAdvisorRepo;
  advisorRepo(id: string): AdvisorRepo;
  makeAdvisor(scope: AdvisorScope): AdvisorService;
  settings: { get(): Settings };
  orders: Pick<OrderService, 'get' | 'list' | 'submit' | 'status' | 'portfolio' | 'onSwitch'>;
  market: Pick<MarketService, 'ticker' | 'source'>;
  models(): readonly AiModel[];
  clock: Clock;
  logger: Logger;
  newId(): string;
};

export function createArenaAdvisors(d: ArenaAdvisorsDeps): ArenaAdvisors {
  const services = new Map<string, AdvisorService>();
  const repos = new Map<string, AdvisorRepo>();
  const repoOf = (id: string): AdvisorRepo => {
    let repo = repos.get(id);
    if (!repo) repos.set(id, (repo = d.advisorRepo(id)));
    return repo;
  };
  const marketNow = () => d.market.source().now?.() ?? d.clock.now();

  function row(id: string): ArenaAdvisorRow {
    const found = d.repo.get(id);
    if (!found) throw new AppError('not_found', `there is no arena advisor ${id}`);
    return found;
  }

  /** The advisor's orders: those its decisions placed. */
  function ownOrders(id: string): Set<string> {
    const ids = repoOf(id)
      .decisions(ALL_DECISIONS)
      .map((x) => x.clientOrderId);
    return new Set(ids.filter((x): x is string => x !== null));
  }

  function fills(id: string): AccountFill[] {
    const out: AccountFill[] = [];
    for (const orderId of ownOrders(id)) {
      const detail = d.orders.get(orderId);
      for (const f of detail.fills) {
        out.push({
          time: f.time,
          side: f.side,
          price: f.price,
          quantity: f.quantity,
          fee: f.fee,
          symbol: detail.order.symbol,
        });
      }
    }
    return out;
  }

  async function marks(symbols: Iterable<string>): Promise<Map<string, Mark>> {
    const out = new Map<string, Mark>();
    for (const symbol of new Set(symbols)) {
      const price = await d.market
        .ticker(symbol)
        .then((t) => Decimal.tryParse(String(t.last)))
        .catch(() => null);
      // On the engine's clock, as the fills are (a simulator may run ahead of it).
      if (price?.isPositive()) out.set(symbol, { time: d.clock.now(), price });
    }
    return out;
  }

  async function book(r: ArenaAdvisorRow) {
    const own = fills(r.id);
    const replayed = replayBook(Decimal.parse(r.capital), own, await marks(own.map((f) => f.symbol!)));
    return { ...replayed, fills: own };
  }

  async function limits(r: ArenaAdvisorRow): Promise<SubAccountLimits> {
    const { book: b } = await book(r);
    const positions = Object.fromEntries(
      b.positions
        .filter((p) => p.quantity.isPositive())
        .map((p) => [p.symbol, { quantity: p.quantity, markPrice: p.price }]),
    );
    return { name: `${r.name}'s own account`, equity: b.equity, positions };
  }

  /** The advisor's own account, in the shape the advisor reads the whole account in. */
  async function portfolio(r: ArenaAdvisorRow): Promise<PortfolioView> {
    const { book: b } = await book(r);
    const cash = b.cash.toFixed(2);
    return {
      quoteCurrency: r.currency,
      balances: [{ currency: r.currency, total: cash, available: cash, locked: '0' }],
      positions: b.positions
        .filter((p) => p.quantity.isPositive())
        .map((p) => ({
          symbol: p.symbol,
          quantity: p.quantity.toString(),
          averageEntry: p.averageEntry.toString(),
          realizedPnl: '0',
          unrealizedPnl: p.unrealizedPnl.toFixed(2),
          fees: '0',
          markPrice: p.price.toString(),
        })),
      equity: b.equity.toFixed(2),
      unpricedSymbols: [],
    };
  }

  function service(id: string): AdvisorService {
    const existing = services.get(id);
    if (existing) return existing;
    const r = row(id);
    const advisor = d.makeAdvisor({
      repo: repoOf(id),
      instructions: r.instructions,
      settings: {
        get: () => {
          const current = row(id);
          return { ...d.settings.get(), aiModel: current.model, advisor: current.settings };
        },
        setInternal: () => {
          throw new AppError('invalid_input', "an arena advisor's settings are fixed: stop it and add another");
        },
      },
      orders: {
        portfolio: () => portfolio(row(id)),
        list: (query) => {
          const own = ownOrders(id);
          return d.orders.list(query).filter((o: OrderView) => own.has(o.clientOrderId));
        },
        // The risk rules apply to the advisor's own account as well as to the whole account.
        submit: (request, origin) => d.orders.submit(request, { ...origin, subAccount: () => limits(row(id)) }),
        status: () => d.orders.status(),
      },
      // Not on the Settings advisor's event: the arena's decisions are read per advisor.
      emit: () => undefined,
    });
    services.set(id, advisor);
    return advisor;
  }

  async function view(r: ArenaAdvisorRow): Promise<ArenaAdvisorView> {
    const status = await service(r.id).status();
    return {
      id: r.id,
      name: r.name,
      model: r.model,
      instructions: r.instructions,
      settings: r.settings,
      capital: r.capital,
      currency: r.currency,
      mode: r.mode,
      state: r.state,
      createdAt: r.createdAt,
      blockedReason: status.blockedReason,
      spentTodayUsd: status.spentTodayUsd,
      nextRunAt: status.nextRunAt,
      lastRunAt: status.lastRunAt,
    };
  }

  async function stop(id: string, reason = 'stopped by the user'): Promise<ArenaAdvisorView> {
    const r = row(id);
    if (r.state === 'RUNNING') {
      d.repo.setState(id, 'STOPPED', d.clock.now());
      const advisor = services.get(id);
      services.delete(id);
      await advisor?.close();
      d.logger.info('ai', `arena advisor ${r.name} stopped: ${reason}`, { advisorId: id });
    }
    return view(row(id));
  }

  // Each advisor trades on its own venue: a switch to another stops it (its account is there).
  d.orders.onSwitch(async (_from, to) => {
    for (const r of d.repo.list()) {
      if (r.state === 'RUNNING' && r.venue !== to.venue) {
        await stop(r.id, `the app switched from ${r.venue} to ${to.venue}`);
      }
    }
  });

  return {
    async add(input) {
      const status = d.orders.status();
      if (status.mode === 'LIVE') {
        throw new AppError(
          'forbidden',
          'the arena runs on the simulator or paper trading: switch away from LIVE first',
        );
      }
      if (!d.models().some((m) => m.id === input.model)) {
        const known = d
          .models()
          .map((m) => m.id)
          .join(', ');
        throw new AppError('invalid_input', `there is no model "${input.model}": choose one of ${known}`);
      }
      const name = input.name.trim();
      if (d.repo.byName(name)) {
        throw new AppError('conflict', `an advisor is already called "${name}": choose another name`);
      }
      const capital = Decimal.parse(input.capital);
      const now = d.clock.now();
      const id = d.newId();
      d.repo.insert({
        id,
        name,
        model: input.model,
        instructions: input.instructions.trim(),
        settings: {
          enabled: true,
          symbols: input.symbols,
          timeframe: input.timeframe,
          intervalMinutes: input.intervalMinutes,
          dailyBudgetUsd: input.dailyBudgetUsd,
          maxOrderPercent: input.maxOrderPercent,
        },
        capital: capital.toString(),
        currency: (await d.orders.portfolio()).quoteCurrency,
        mode: status.mode,
        venue: status.venue,
        state: 'RUNNING',
        createdAt: now,
        marketStartedAt: marketNow(),
        updatedAt: now,
      });
      d.logger.info('ai', `arena advisor ${name} added (${input.model}, ${capital.toString()})`, { advisorId: id });
      service(id).start();
      return view(row(id));
    },
    list: async () => Promise.all(d.repo.list().map(view)),
    stop,
    async runNow(id) {
      const r = row(id);
      if (r.state !== 'RUNNING')
        throw new AppError('conflict', `${r.name} is stopped: add a new advisor to trade again`);
      return service(id).runNow();
    },
    decisions: (id, limit) => {
      row(id);
      return repoOf(id).decisions(limit);
    },
    async leaderboard() {
      const rows: LeaderboardRow[] = [];
      for (const r of d.repo.list()) {
        const base = Decimal.parse(r.capital);
        const { book: b, curve, fills: own } = await book(r);
        const bySymbol = r.settings.symbols.map((s) => own.filter((f) => f.symbol === s));
        const end = r.state === 'STOPPED' ? r.updatedAt : d.clock.now();
        rows.push({
          runId: r.id,
          strategyName: r.name,
          kind: 'advisor',
          model: r.model,
          symbol: r.settings.symbols.join(', '),
          timeframe: r.settings.timeframe,
          mode: r.mode,
          state: r.state,
          capital: r.capital,
          baseEquity: r.capital,
          currency: r.currency,
          equity: b.equity.toFixed(2),
          cash: b.cash.toFixed(2),
          positionQuantity: b.positions
            .filter((p) => p.quantity.isPositive())
            .map((p) => `${p.quantity.toString()} ${p.symbol}`)
            .join(', '),
          realizedPnl: b.realizedPnl.toFixed(2),
          unrealizedPnl: b.unrealizedPnl.toFixed(2),
          fees: b.fees.toFixed(2),
          ...rankFigures(base, curve, b.equity, bySymbol),
          startedAt: r.createdAt,
          runningMs: Math.max(0, end - r.createdAt),
          curve,
        });
      }
      return rows;
    },
    start() {
      for (const r of d.repo.list()) if (r.state === 'RUNNING') service(r.id).start();
    },
    async close() {
      await Promise.all([...services.values()].map((s) => s.close()));
      services.clear();
    },
  };
}
