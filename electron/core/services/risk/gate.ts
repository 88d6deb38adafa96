/**
 * The order manager's RiskGate: gathers the RiskContext for one intent (the account from the
 * active session, the market info, the book, the ATR series, the recent order times, the kill
 * switch, protect mode, the loss tracker) and asks the pure evaluateOrder. A veto goes to the veto
 * log (the order manager audits it as risk.veto and tells the caller the rule and its numbers).
 *
 * While the kill switch is engaged an entry is refused before anything is fetched, so blocking
 * takes no network round trip. The kill switch is read again after every await: an engagement
 * that lands while the context is being gathered still vetoes the order.
 */
import type { BookTop, MarketInfo } from '../../../../shared/domain/market.js';
import type { KillSwitchState, ProtectState, RiskSettings, Veto } from '../../../../shared/domain/risk.js';
import type { Clock } from '../../../engine/clock.js';
import { Decimal } from '../../../engine/money/decimal.js';
import {
  evaluateOrder,
  isExit,
  pruneOrderTimes,
  type LossTrackerState,
  type OrderIntent,
  type RiskContext,
  type RiskPosition,
} from '../../../engine/risk/index.js';
import type { Logger } from '../../../logging/types.js';
import type { RiskDecision, RiskGate, RiskIntent } from '../orders/risk-gate.js';
import type { VenueSession } from '../orders/session.js';
import { readAccount } from './account.js';
import type { AccountHoldings } from './account-holdings.js';
import type { AtrCache } from './atr-cache.js';
import type { RiskMarket } from './ports.js';

export type GateState = {
  settings(): RiskSettings;
  killSwitch(): KillSwitchState;
  protect(): ProtectState;
  lossTracker(): LossTrackerState | null;
  /** Why strategy and advisor orders wait (a reconciliation after a wake), or null. */
  waking?(): string | null;
};

export type GateDeps = {
  session: () => VenueSession | null;
  /** LIVE: the account's holdings from the exchange (account-holdings.ts); absent: the ledger's positions. */
  holdings?: AccountHoldings;
  market: RiskMarket;
  atr: AtrCache;
  clock: Clock;
  logger: Logger;
  state: GateState;
  onVeto(veto: Veto, intent: RiskIntent): void;
};

export type Gate = { gate: RiskGate; recentOrderTimes(): readonly number[] };

export function toOrderIntent(intent: RiskIntent): OrderIntent {
  return {
    symbol: intent.symbol,
    side: intent.side,
    quantity: intent.quantity,
    priceEstimate: intent.referencePrice,
    orderType: intent.type === 'limit' ? 'limit' : 'market',
    source: intent.origin === 'strategy' ? 'strategy' : intent.origin === 'advisor' ? 'ai' : 'manual',
  };
}

/** Positions without a fetch (the ledger's, or in LIVE the account's last read): enough to tell an exit from an entry. */
function knownPositions(s: VenueSession | null, holdings?: AccountHoldings): Record<string, RiskPosition> {
  const out: Record<string, RiskPosition> = {};
  if (!s) return out;
  const marks = s.ledger.marks();
  const quantities = holdings
    ? holdings.positions(s)
    : new Map(
        s.ledger
          .portfolio()
          .snapshot()
          .positions.map((p) => [p.symbol, p.quantity]),
      );
  for (const [symbol, quantity] of quantities) {
    if (!quantity.isZero()) out[symbol] = { quantity, markPrice: marks[symbol] ?? Decimal.ZERO };
  }
  return out;
}

export function createGate(d: GateDeps): Gate {
  let orderTimes: number[] = [];

  function context(base: Partial<RiskContext> & Pick<RiskContext, 'positions'>): RiskContext {
    return {
      now: d.clock.now(),
      equity: Decimal.ZERO,
      openOrders: [],
      recentOrderTimes: orderTimes,
      market: null,
      book: null,
      atr: null,
      lossTracker: d.state.lossTracker(),
      ...base,
      killSwitch: d.state.killSwitch(),
      protect: d.state.protect(),
    };
  }

  function decide(intent: RiskIntent, order: OrderIntent, ctx: RiskContext): RiskDecision {
    const decision = evaluateOrder(order, ctx, d.state.settings());
    if (!decision.approved) {
      d.onVeto(decision.veto, intent);
      return { approved: false, rule: decision.veto.rule, detail: decision.veto.message };
    }
    orderTimes = pruneOrderTimes([...orderTimes, ctx.now], ctx.now);
    for (const w of decision.warnings) {
      d.logger.debug('risk', `${intent.side} ${intent.symbol}: ${w.message}`, { symbol: intent.symbol, rule: w.rule });
    }
    return { approved: true };
  }

  async function judge(intent: RiskIntent): Promise<RiskDecision> {
    const order = toOrderIntent(intent);
    const s = d.session();
    let positions = knownPositions(s, d.holdings);
    const held = positions[order.symbol]?.quantity ?? Decimal.ZERO;
    if (s?.mode === 'LIVE' && d.holdings && order.side === 'sell' && order.quantity.gt(held)) {
      // More than the last read of the account: read it again before saying it is not held.
      await d.holdings.refresh();
      positions = knownPositions(s, d.holdings);
    }
    const exit = isExit(order, { positions });
    // The kill switch blocks an entry at once, before anything is fetched.
    if (!exit && d.state.killSwitch().engaged) return decide(intent, order, context({ positions }));
    const waking = d.state.waking?.() ?? null;
    if (waking && (intent.origin === 'strategy' || intent.origin === 'advisor')) {
      const veto: Veto = {
        rule: 'PROTECT_MODE',
        message: waking,
        details: { symbol: intent.symbol },
        at: d.clock.now(),
      };
      d.onVeto(veto, intent);
      return { approved: false, rule: veto.rule, detail: veto.message };
    }
    if (!s) {
      const message = 'the account is not available (trading is not running): the order cannot be checked';
      d.onVeto({ rule: 'DATA_MISSING', message, details: { symbol: intent.symbol }, at: d.clock.now() }, intent);
      return { approved: false, rule: 'DATA_MISSING', detail: message };
    }
    const settings = d.state.settings();
    const [markets, book, atr] = await Promise.all([
      d.market.markets().catch((): MarketInfo[] => []),
      d.market.book(intent.symbol, 25).catch((): BookTop | null => null),
      exit || !settings.atrSpike.enabled ? null : d.atr.series(intent.symbol, settings.atrSpike),
    ]);
    const quantities = s.mode === 'LIVE' && d.holdings ? d.holdings.positions(s) : undefined;
    const account = await readAccount(s, d.market, book ? { [intent.symbol]: book } : {}, quantities);
    const ctx = context({
      positions: account.positions,
      equity: account.equity,
      openOrders: account.openOrders,
      recentOrderTimes: pruneOrderTimes(orderTimes, d.clock.now()),
      market: markets.find((m) => m.symbol === intent.symbol) ?? null,
      book,
      atr,
    });
    const own = intent.subAccount;
    if (own) {
      // The run's or advisor's own account first (its equity, its positions), then the whole account.
      const mine = evaluateOrder(
        order,
        // The daily loss and the drawdown are the whole account's (its start-of-day equity): checked below.
        { ...ctx, equity: own.equity, positions: own.positions, openOrders: [], lossTracker: null },
        settings,
      );
      if (!mine.approved) {
        const veto = { ...mine.veto, message: `in ${own.name}: ${mine.veto.message}` };
        d.onVeto(veto, intent);
        return { approved: false, rule: veto.rule, detail: veto.message };
      }
    }
    return decide(intent, order, ctx);
  }

  const gate: RiskGate = async (intent) => {
    const decision = await judge(intent);
    if (!decision.approved || intent.mode !== 'LIVE' || !d.state.settings().dryRun) return decision;
    // Dry run: everything up to the exchange runs; nothing is sent to it.
    return {
      approved: false,
      rule: 'DRY_RUN',
      detail:
        'dry run is on: every risk rule approved the order, but it was not sent to the live exchange ' +
        '(turn dry run off in the Risk tab to trade live, or trade PAPER for simulated fills on live prices)',
    };
  };

  return { gate, recentOrderTimes: () => pruneOrderTimes(orderTimes, d.clock.now()) };
}
