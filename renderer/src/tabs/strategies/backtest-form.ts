/**
 * The backtest form's values and their conversion to a request: dates are UTC days (the "to" day
 * is included; up to today means up to the market's now), the fee in percent, slippage in bps.
 */
import type { Timeframe } from '../../../../shared/domain/market';
import type { BacktestParams } from './useBacktest';

export type BacktestFormValues = {
  symbol: string;
  timeframe: Timeframe;
  fromDate: string;
  toDate: string;
  feePercent: string;
  slippageBps: string;
  risk: 'default' | 'off';
};

const DAY_MS = 86_400_000;

export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `feeRate`: the taker fee of the venue the strategy would run on (a fraction: 0.0026 = 0.26 %). */
export function defaultForm(
  symbol: string,
  timeframe: Timeframe,
  now = Date.now(),
  feeRate = 0.001,
): BacktestFormValues {
  return {
    symbol,
    timeframe,
    fromDate: utcDay(now - 30 * DAY_MS),
    toDate: utcDay(now),
    feePercent: String(Number((feeRate * 100).toFixed(6))),
    slippageBps: '5',
    risk: 'default',
  };
}

function dayStart(day: string): number | null {
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(ms) ? null : ms;
}

/** The request for these values, or the first thing to fix. */
export function toParams(
  v: BacktestFormValues,
  now = Date.now(),
): { ok: true; params: BacktestParams } | { ok: false; error: string } {
  const from = dayStart(v.fromDate);
  const toStart = dayStart(v.toDate);
  if (from === null) return { ok: false, error: 'choose the first day of the range' };
  if (toStart === null) return { ok: false, error: 'choose the last day of the range' };
  if (toStart < from) return { ok: false, error: 'the range ends before it starts' };
  const fee = Number(v.feePercent);
  if (v.feePercent.trim() === '' || !Number.isFinite(fee) || fee < 0 || fee > 5)
    return { ok: false, error: 'the fee is a percent from 0 to 5' };
  const slippage = Number(v.slippageBps);
  if (v.slippageBps.trim() === '' || !Number.isFinite(slippage) || slippage < 0 || slippage > 500)
    return { ok: false, error: 'slippage is from 0 to 500 bps' };
  const throughToday = toStart >= dayStart(utcDay(now))!;
  return {
    ok: true,
    params: {
      symbol: v.symbol,
      timeframe: v.timeframe,
      from,
      // Up to today: leave the end to the engine (the market's now; the simulator runs ahead of the wall clock).
      ...(throughToday ? {} : { to: toStart + DAY_MS }),
      feeRate: Number((fee / 100).toFixed(8)),
      slippageBps: slippage,
      risk: v.risk,
    },
  };
}
