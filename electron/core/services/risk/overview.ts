/**
 * The Risk tab's picture: exposure per symbol and in total against their limits, the daily loss
 * and the drawdown against theirs, the breakers with the time they have left, the kill switch,
 * protect mode and the dead man's switch. Computed with the same pure functions as the gate.
 */
import type { KillSwitchState, ProtectState, RiskSettings } from '../../../../shared/domain/risk.js';
import type {
  Breaker,
  DeadManSwitchStatus,
  LimitBar,
  RiskOverview,
  WakeState,
  AccountHolding,
  ProtectionStatus,
} from '../../../../shared/domain/risk-view.js';
import type { BreakerState } from '../../../engine/execution/circuit-breaker.js';
import { Decimal } from '../../../engine/money/decimal.js';
import {
  assessLosses,
  atrPauseStatus,
  exposureOf,
  orderRateStatus,
  protectFreezeReason,
  type LossLimitStatus,
  type LossTrackerState,
} from '../../../engine/risk/index.js';
import type { VenueSession } from '../orders/session.js';
import { readAccount, type Account } from './account.js';
import type { AtrCache } from './atr-cache.js';
import type { RiskMarket } from './ports.js';

export type OverviewInput = {
  now: number;
  session: VenueSession | null;
  market: RiskMarket;
  atr: AtrCache;
  settings: RiskSettings;
  killSwitch: KillSwitchState;
  protect: ProtectState;
  tracker: LossTrackerState | null;
  recentOrderTimes: readonly number[];
  deadMan: DeadManSwitchStatus;
  wake?: WakeState | null;
  holdings?: AccountHolding[];
  protection?: ProtectionStatus;
  /** The account's positions (LIVE: from the exchange); absent: the ledger's. */
  quantities?: (s: VenueSession) => ReadonlyMap<string, Decimal> | undefined;
};

const MAX_ATR_SYMBOLS = 10;

function pct(part: Decimal, whole: Decimal | null): number | null {
  if (!whole || !whole.isPositive()) return null;
  return part.mul(100).div(whole, { scale: 6, rounding: 'half-even' }).toNumber();
}

function bar(enabled: boolean, value: Decimal, reference: Decimal | null, limitPercent: number): LimitBar {
  const limit = reference?.isPositive()
    ? reference.mul(Decimal.fromNumber(limitPercent)).div(100, { scale: 12, rounding: 'half-even' })
    : Decimal.ZERO;
  return { enabled, value: value.toString(), percent: pct(value, reference), limitPercent, limit: limit.toString() };
}

function lossBar(s: LossLimitStatus) {
  return {
    enabled: s.enabled,
    value: s.loss.toString(),
    percent: s.lossPercent === null ? null : s.lossPercent.round(6, 'half-even').toNumber(),
    limitPercent: s.limitPercent,
    limit: s.limit.toString(),
    breached: s.breached,
  };
}

async function atrBreakers(i: OverviewInput): Promise<Breaker[]> {
  const s = i.settings.atrSpike;
  if (!s.enabled) {
    return [{ id: 'ATR_SPIKE', symbol: null, tripped: false, until: null, msLeft: null, detail: 'turned off' }];
  }
  const symbols = (await i.market.markets().catch(() => [])).map((m) => m.symbol).slice(0, MAX_ATR_SYMBOLS);
  return Promise.all(
    symbols.map(async (symbol): Promise<Breaker> => {
      const series = await i.atr.series(symbol, s);
      if (!series) {
        return {
          id: 'ATR_SPIKE',
          symbol,
          tripped: false,
          until: null,
          msLeft: null,
          detail: 'no candles: not checked',
        };
      }
      const st = atrPauseStatus(series, i.now, s);
      if (!st.paused || !st.spike || st.until === null) {
        return { id: 'ATR_SPIKE', symbol, tripped: false, until: null, msLeft: null, detail: 'ATR within its range' };
      }
      const rise = Math.round(st.spike.risePercent * 10) / 10;
      return {
        id: 'ATR_SPIKE',
        symbol,
        tripped: true,
        until: st.until,
        msLeft: Math.max(0, st.until - i.now),
        detail: `ATR ${Number(st.spike.atr.toPrecision(6))} is ${rise} % above its ${s.lookback}-candle mean (threshold ${s.thresholdPercent} %): new entries pause`,
      };
    }),
  );
}

function otherBreakers(i: OverviewInput): Breaker[] {
  const out: Breaker[] = [];
  const rate = orderRateStatus(i.recentOrderTimes, i.now, i.settings.maxOrdersPerMinute.count);
  out.push({
    id: 'ORDERS_PER_MINUTE',
    symbol: null,
    tripped: i.settings.maxOrdersPerMinute.enabled && !rate.allowed,
    until: rate.nextAllowedAt,
    msLeft: rate.nextAllowedAt === null ? null : Math.max(0, rate.nextAllowedAt - i.now),
    detail: `${rate.count} of ${rate.max} orders in the last 60 s${i.settings.maxOrdersPerMinute.enabled ? '' : ' (turned off)'}`,
  });
  const frozen = protectFreezeReason(i.protect, i.settings.protect);
  out.push({
    id: 'PROTECT_MODE',
    symbol: null,
    tripped: frozen !== null,
    until: null,
    msLeft: null,
    detail: frozen === null ? 'entries allowed' : `entries frozen: ${frozen}`,
  });
  const adapter = i.session?.adapter as { breakerState?: () => BreakerState } | undefined;
  const circuit = adapter?.breakerState?.();
  if (circuit) {
    const open = circuit.status === 'open';
    out.push({
      id: 'EXCHANGE_CIRCUIT',
      symbol: i.session?.exchangeId ?? null,
      tripped: circuit.status !== 'closed',
      until: open ? circuit.probeAt : null,
      msLeft: open ? Math.max(0, circuit.probeAt - i.now) : null,
      detail: `${circuit.status.replace('_', ' ')} (${circuit.failures} failures in a row)`,
    });
  }
  return out;
}

export async function buildOverview(i: OverviewInput): Promise<RiskOverview> {
  const account: Account | null = i.session
    ? await readAccount(i.session, i.market, {}, i.quantities?.(i.session)).catch(() => null)
    : null;
  const equity = account?.equity ?? null;
  const ctx = { positions: account?.positions ?? {}, openOrders: account?.openOrders ?? [] };
  const symbols = new Set([
    ...Object.keys(ctx.positions),
    ...ctx.openOrders.filter((o) => o.side === 'buy').map((o) => o.symbol),
  ]);
  const { capitalPerSymbol: cap, totalExposure: total } = i.settings;
  const assessed =
    i.tracker && (equity ?? i.tracker.lastEquity)
      ? assessLosses(i.tracker, equity ?? i.tracker.lastEquity, Math.max(i.now, i.tracker.lastAt), i.settings)
      : null;
  const equityNow = equity ?? i.tracker?.lastEquity ?? Decimal.ZERO;
  return {
    at: i.now,
    currency: account?.currency ?? i.tracker?.currency ?? 'USD',
    equity: equity?.toString() ?? null,
    exposure: {
      symbols: [...symbols].sort().map((symbol) => ({
        symbol,
        ...bar(cap.enabled, exposureOf(ctx, symbol), equity, cap.percent),
      })),
      total: bar(total.enabled, exposureOf(ctx, null), equity, total.percent),
    },
    dailyLoss: assessed
      ? {
          ...lossBar(assessed.daily),
          startOfDayEquity: assessed.daily.reference.toString(),
          pnl: equityNow.sub(assessed.daily.reference).toString(),
        }
      : null,
    drawdown: assessed
      ? {
          ...lossBar(assessed.drawdown),
          peakEquity: assessed.drawdown.reference.toString(),
          peakAt: assessed.state.peakAt,
        }
      : null,
    breakers: [...(await atrBreakers(i)), ...otherBreakers(i)],
    killSwitch: i.killSwitch,
    protect: {
      state: i.protect,
      frozen: protectFreezeReason(i.protect, i.settings.protect) !== null,
      reason: protectFreezeReason(i.protect, i.settings.protect),
    },
    deadManSwitch: i.deadMan,
    openOrders: ctx.openOrders.length,
    dryRun: i.settings.dryRun,
    wake: i.wake ?? null,
    holdings: i.holdings ?? [],
    ...(i.protection ? { protection: i.protection } : {}),
  };
}
