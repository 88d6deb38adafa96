/**
 * The risk gate: every order (manual, strategy, AI; backtest, paper, live) passes here before it
 * is journaled. Pure: the caller gathers the context, asks, and records the veto (audit risk.veto).
 *
 * Order of the checks (the first failing rule vetoes):
 *  1. the kill switch: anything that is not an exit is vetoed while it is engaged;
 *  2. the order itself: quantity and price above zero, the right market, a reduce-only order that
 *     reduces, a sell of at most what is held (spot cannot go short);
 *  then for an EXIT (a sell of at most the spot long held) only: 3. the exchange's limits; spread
 *     and slippage become warnings (an exit is never blocked by them or by exposure caps);
 *  and for an ENTRY: 3. protect mode, 4. daily loss, 5. drawdown from the peak, 6. strategy
 *     parameter ranges, 7. the exchange's limits, 8. the order size per symbol, 9. open orders,
 *     10. orders per minute, 11. the ATR spike breaker, 12. spread, 13. slippage,
 *     14. capital per symbol, 15. total exposure.
 * Missing data (no market info, no book, no ATR, no loss tracker) skips its checks with a warning.
 */
import type { RiskSettings, RiskViolation, RiskWarning, Veto } from '../../../shared/domain/risk.js';
import { Decimal } from '../money/decimal.js';
import { atrPauseStatus, MINUTE_MS } from './atr-spike.js';
import { checkSlippage, checkSpread } from './book-checks.js';
import { checkExchangeLimits } from './exchange-limits.js';
import { checkExposure } from './exposure.js';
import { baseOf, showAmount, showPercent, showTime, violation } from './format.js';
import { describeKillSwitch } from './kill-switch.js';
import { assessLosses, dailyLossViolation, drawdownViolation } from './loss-tracker.js';
import { orderRateStatus } from './order-rate.js';
import { checkOrderSize } from './order-size.js';
import { protectFreezeReason } from './protect-mode.js';
import { evaluateStrategyParams } from './strategy-params.js';
import type { OrderIntent, RiskContext, RiskDecision } from './types.js';

/** True when the intent only reduces a spot long: a sell of more than zero and at most the quantity held. */
export function isExit(intent: OrderIntent, ctx: Pick<RiskContext, 'positions'>): boolean {
  const held = ctx.positions[intent.symbol]?.quantity;
  return (
    intent.side === 'sell' &&
    held !== undefined &&
    held.isPositive() &&
    intent.quantity.isPositive() &&
    intent.quantity.lte(held)
  );
}

function checkKillSwitch(ctx: RiskContext): RiskViolation | null {
  const ks = ctx.killSwitch;
  if (!ks.engaged) return null;
  return violation(
    'KILL_SWITCH',
    `${describeKillSwitch(ks)}: only orders that reduce a position are allowed; re-arm it in the Risk tab to trade again`,
    { mode: ks.mode, by: ks.by, reason: ks.reason, engagedAt: ks.engagedAt },
  );
}

function checkOrder(intent: OrderIntent, ctx: RiskContext): RiskViolation | null {
  const { symbol, quantity, priceEstimate } = intent;
  if (!quantity.isPositive() || !priceEstimate.isPositive()) {
    return violation('INVALID_ORDER', `the quantity and the price estimate must be above zero`, {
      symbol,
      quantity,
      priceEstimate,
    });
  }
  if (ctx.market && ctx.market.symbol !== symbol) {
    return violation('INVALID_ORDER', `the market info is for ${ctx.market.symbol}, not ${symbol}`, {
      symbol,
      market: ctx.market.symbol,
    });
  }
  const held = ctx.positions[symbol]?.quantity.abs() ?? null;
  const base = baseOf(symbol);
  if (intent.side === 'sell' && (held === null || quantity.gt(held))) {
    return violation(
      'EXCEEDS_POSITION',
      `selling ${showAmount(quantity)} ${base} but ${showAmount(held ?? Decimal.ZERO)} ${base} is held: ` +
        `spot positions cannot go short`,
      { symbol, quantity, held: held ?? '0' },
    );
  }
  if (intent.reduceOnly && intent.side === 'buy') {
    return violation('REDUCE_ONLY', `a reduce-only buy of ${showAmount(quantity)} ${base} cannot reduce a spot long`, {
      symbol,
      quantity,
    });
  }
  return null;
}

function checkProtect(ctx: RiskContext, settings: RiskSettings): RiskViolation | null {
  const reason = protectFreezeReason(ctx.protect, settings.protect);
  if (reason === null) return null;
  return violation('PROTECT_MODE', `new entries are frozen because ${reason} (protect mode); exits are still allowed`, {
    suspended: ctx.protect.suspended,
    screenLocked: ctx.protect.screenLocked,
    networkLost: ctx.protect.networkLost,
    since: ctx.protect.changedAt,
  });
}

function checkLosses(ctx: RiskContext, settings: RiskSettings): RiskViolation | null {
  const tracker = ctx.lossTracker;
  if (!tracker) return null;
  const assessed = assessLosses(tracker, ctx.equity, ctx.now, settings);
  if (assessed.daily.breached) return dailyLossViolation(assessed.daily, assessed.state.currency);
  if (assessed.drawdown.breached) return drawdownViolation(assessed.drawdown, assessed.state.currency);
  return null;
}

function checkOpenOrders(ctx: RiskContext, settings: RiskSettings): RiskViolation | null {
  const { enabled, count: max } = settings.maxOpenOrders;
  const open = ctx.openOrders.length;
  if (!enabled || open < max) return null;
  return violation(
    'MAX_OPEN_ORDERS',
    `${open} orders are open: the limit is ${max} open orders; cancel some or wait for fills`,
    { open, max },
  );
}

function checkRate(ctx: RiskContext, settings: RiskSettings): RiskViolation | null {
  const { enabled, count: max } = settings.maxOrdersPerMinute;
  if (!enabled) return null;
  const rate = orderRateStatus(ctx.recentOrderTimes, ctx.now, max);
  if (rate.allowed) return null;
  const next = rate.nextAllowedAt ?? ctx.now;
  return violation(
    'ORDERS_PER_MINUTE',
    `${rate.count} orders were placed in the last 60 s: the limit is ${max} orders per minute (runaway guard); ` +
      `the next order is allowed at ${showTime(next)} UTC (in ${Math.ceil((next - ctx.now) / 1000)} s)`,
    { placedLastMinute: rate.count, max, nextAllowedAt: next },
  );
}

function checkAtr(intent: OrderIntent, ctx: RiskContext, settings: RiskSettings): RiskViolation | null {
  if (!settings.atrSpike.enabled || !ctx.atr) return null;
  const status = atrPauseStatus(ctx.atr, ctx.now, settings.atrSpike);
  if (!status.paused || !status.spike || status.until === null) return null;
  const { spike } = status;
  const minutes = Math.ceil((status.until - ctx.now) / MINUTE_MS);
  return violation(
    'ATR_SPIKE',
    `the ATR of ${intent.symbol} jumped to ${spike.atr} at ${showTime(spike.at)} UTC, ` +
      `${showPercent(spike.risePercent)} above its ${settings.atrSpike.lookback}-candle average ` +
      `${Number(spike.mean.toPrecision(12))} (threshold ${showPercent(settings.atrSpike.thresholdPercent)}): new entries ` +
      `pause until ${showTime(status.until)} UTC (${minutes} min left of a ${settings.atrSpike.coolingMinutes} min cooling period)`,
    {
      symbol: intent.symbol,
      atr: spike.atr,
      mean: spike.mean,
      risePercent: spike.risePercent,
      thresholdPercent: settings.atrSpike.thresholdPercent,
      spikeAt: spike.at,
      pausedUntil: status.until,
    },
  );
}

function missing(what: string, skipped: string, symbol: string): RiskWarning {
  return violation('DATA_MISSING', `no ${what} for ${symbol}: ${skipped} not checked`, { symbol, missing: what });
}

export type EvaluateOptions = {
  /**
   * false: an approval carries no warnings (the backtest, which has no market info, book, ATR or
   * loss tracker by design and asks thousands of times: the same four warnings each time).
   */
  warnings?: boolean;
};

/** Judges one order intent. Never throws for well-typed input; the veto states the rule and its numbers. */
export function evaluateOrder(
  intent: OrderIntent,
  ctx: RiskContext,
  settings: RiskSettings,
  options: EvaluateOptions = {},
): RiskDecision {
  const warnings: RiskWarning[] = [];
  const exit = isExit(intent, ctx);
  const { symbol } = intent;
  const { market, book } = ctx;

  // The first failing rule vetoes; each check runs only when those before it passed.
  const found =
    (exit ? null : checkKillSwitch(ctx)) ??
    checkOrder(intent, ctx) ??
    (exit
      ? market && checkExchangeLimits(intent, market)
      : (checkProtect(ctx, settings) ??
        checkLosses(ctx, settings) ??
        evaluateStrategyParams(intent.strategyParams ?? {})[0] ??
        (market && checkExchangeLimits(intent, market)) ??
        checkOrderSize(intent, settings.orderSize) ??
        checkOpenOrders(ctx, settings) ??
        checkRate(ctx, settings) ??
        checkAtr(intent, ctx, settings) ??
        (book && settings.spread.enabled ? checkSpread(symbol, book, settings.spread.maxPercent) : null) ??
        (book && settings.slippage.enabled ? checkSlippage(intent, book, settings.slippage.maxPercent) : null) ??
        checkExposure(intent, ctx, settings)));
  if (found) return { approved: false, veto: { ...found, at: ctx.now } satisfies Veto };
  if (options.warnings === false) return { approved: true, exit, dryRun: settings.dryRun, warnings };

  if (!market)
    warnings.push(missing('market info', "the exchange's minimum amount, minimum cost and steps were", symbol));
  if (!book && (settings.spread.enabled || settings.slippage.enabled)) {
    warnings.push(missing('order book', 'the spread and the slippage were', symbol));
  }
  if (exit && book) {
    // An exit is never blocked by the book, but the trader should know what it costs.
    const spread = settings.spread.enabled ? checkSpread(symbol, book, settings.spread.maxPercent) : null;
    const slippage = settings.slippage.enabled ? checkSlippage(intent, book, settings.slippage.maxPercent) : null;
    for (const w of [spread, slippage]) if (w) warnings.push(w);
  }
  if (!exit && !ctx.atr && settings.atrSpike.enabled)
    warnings.push(missing('ATR series', 'the ATR spike breaker was', symbol));
  if (!exit && !ctx.lossTracker && (settings.dailyLoss.enabled || settings.maxDrawdown.enabled)) {
    warnings.push(missing('equity history', 'the daily loss limit and the drawdown were', symbol));
  }
  return { approved: true, exit, dryRun: settings.dryRun, warnings };
}
