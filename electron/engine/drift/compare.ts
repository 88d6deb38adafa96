/**
 * Drift: how a running strategy's trades differ from the backtest of the same strategy version
 * over the same candles. Trades are matched by entry time (within one candle: a live entry is
 * placed at a candle's close and fills at about the next open, as the backtest assumes); what is
 * left over is a trade the run missed (the backtest has it) or an extra one (the run has it).
 * For matched trades: the delay and the price difference of the entry and exit fills (slippage
 * against what the backtest assumed, in basis points, positive = worse for the trader), the fees,
 * and the gap in return. Both equity curves are the trades' returns compounded at the strategy's
 * position size, so that a run and its backtest compare however much capital each had.
 */

export type TradeRecord = {
  entryTime: number;
  /** null while the position is open. */
  exitTime: number | null;
  entryPrice: number;
  exitPrice: number | null;
  quantity: number;
  /** Entry and exit fees, in the quote currency. */
  fees: number;
  /** Net return of the closed trade in % of its cost (fees included); null while open. */
  returnPercent: number | null;
};

export type TradeDiff = {
  status: 'matched' | 'missed' | 'extra';
  backtest: TradeRecord | null;
  live: TradeRecord | null;
  entryDelayMs: number | null;
  exitDelayMs: number | null;
  /** Bought higher than the backtest: positive. */
  entrySlippageBps: number | null;
  /** Sold lower than the backtest: positive. */
  exitSlippageBps: number | null;
  /** Live fees as % of the trade's cost minus the backtest's. */
  feeGapPercent: number | null;
  /** Live return minus backtest return, percentage points. */
  returnGap: number | null;
};

export type EquityPoint = { time: number; live: number; backtest: number };

export type DriftThresholds = {
  /** Alert when |live - backtest| cumulative return exceeds this many percentage points. */
  maxEquityGapPercent: number;
  /** Alert when the run missed (or added) more trades than this. */
  maxMissedTrades: number;
};

export type DriftSummary = {
  trades: TradeDiff[];
  matched: number;
  missed: number;
  extra: number;
  meanEntrySlippageBps: number | null;
  meanExitSlippageBps: number | null;
  /** Cumulative return (%) of both, at every trade exit. */
  equity: EquityPoint[];
  /** At the last point: live - backtest, percentage points. */
  equityGap: number;
  /** The largest |gap| over the curve. */
  maxEquityGap: number;
  /** Which thresholds the drift is beyond, in words; empty when within. */
  breaches: string[];
};

const bps = (a: number, b: number) => ((a - b) / b) * 10_000;
const mean = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length);
const round = (x: number, digits = 6) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Pairs trades by entry time, oldest first; each trade is used once. */
function match(backtest: readonly TradeRecord[], live: readonly TradeRecord[], toleranceMs: number): TradeDiff[] {
  const used = new Set<number>();
  const diffs: TradeDiff[] = [];
  for (const b of backtest) {
    let best = -1;
    for (let i = 0; i < live.length; i++) {
      if (used.has(i)) continue;
      const gap = Math.abs(live[i]!.entryTime - b.entryTime);
      if (gap <= toleranceMs && (best < 0 || gap < Math.abs(live[best]!.entryTime - b.entryTime))) best = i;
    }
    if (best < 0) {
      diffs.push(unmatched('missed', b, null));
      continue;
    }
    used.add(best);
    diffs.push(pair(b, live[best]!));
  }
  live.forEach((l, i) => {
    if (!used.has(i)) diffs.push(unmatched('extra', null, l));
  });
  return diffs.sort((x, y) => (x.backtest ?? x.live)!.entryTime - (y.backtest ?? y.live)!.entryTime);
}

function unmatched(status: 'missed' | 'extra', backtest: TradeRecord | null, live: TradeRecord | null): TradeDiff {
  return {
    status,
    backtest,
    live,
    entryDelayMs: null,
    exitDelayMs: null,
    entrySlippageBps: null,
    exitSlippageBps: null,
    feeGapPercent: null,
    returnGap: null,
  };
}

function pair(b: TradeRecord, l: TradeRecord): TradeDiff {
  const closed = b.exitTime !== null && l.exitTime !== null && b.exitPrice !== null && l.exitPrice !== null;
  const cost = (t: TradeRecord) => t.entryPrice * t.quantity;
  return {
    status: 'matched',
    backtest: b,
    live: l,
    entryDelayMs: l.entryTime - b.entryTime,
    exitDelayMs: closed ? l.exitTime! - b.exitTime! : null,
    entrySlippageBps: round(bps(l.entryPrice, b.entryPrice), 4),
    exitSlippageBps: closed ? round(-bps(l.exitPrice!, b.exitPrice!), 4) : null,
    feeGapPercent: closed ? round((l.fees / cost(l) - b.fees / cost(b)) * 100) : null,
    returnGap: b.returnPercent !== null && l.returnPercent !== null ? round(l.returnPercent - b.returnPercent) : null,
  };
}

/** Cumulative compounded return (%) at each exit, each trade weighted by the position size. */
function equityCurve(
  backtest: readonly TradeRecord[],
  live: readonly TradeRecord[],
  positionFraction: number,
): EquityPoint[] {
  const events = [
    ...backtest.filter((t) => t.exitTime !== null).map((t) => ({ time: t.exitTime!, side: 'b' as const, t })),
    ...live.filter((t) => t.exitTime !== null).map((t) => ({ time: t.exitTime!, side: 'l' as const, t })),
  ].sort((x, y) => x.time - y.time);
  let b = 1;
  let l = 1;
  const points: EquityPoint[] = [];
  for (const e of events) {
    const growth = 1 + (positionFraction * (e.t.returnPercent ?? 0)) / 100;
    if (e.side === 'b') b *= growth;
    else l *= growth;
    const point = { time: e.time, live: round((l - 1) * 100), backtest: round((b - 1) * 100) };
    if (points.length > 0 && points[points.length - 1]!.time === e.time) points[points.length - 1] = point;
    else points.push(point);
  }
  return points;
}

export function compareTrades(o: {
  backtest: readonly TradeRecord[];
  live: readonly TradeRecord[];
  /** One candle of the strategy's timeframe: the matching tolerance. */
  candleMs: number;
  /** The strategy's position size as a fraction of equity (e.g. 0.1 for 10 %). */
  positionFraction: number;
  thresholds: DriftThresholds;
}): DriftSummary {
  const trades = match(o.backtest, o.live, o.candleMs);
  const count = (s: TradeDiff['status']) => trades.filter((t) => t.status === s).length;
  const equity = equityCurve(o.backtest, o.live, o.positionFraction);
  const last = equity[equity.length - 1];
  const equityGap = last ? round(last.live - last.backtest) : 0;
  const maxEquityGap = equity.reduce((m, p) => Math.max(m, Math.abs(p.live - p.backtest)), 0);
  const missed = count('missed');
  const extra = count('extra');
  const breaches: string[] = [];
  if (Math.abs(equityGap) > o.thresholds.maxEquityGapPercent) {
    breaches.push(
      `the run's return is ${Math.abs(equityGap).toFixed(2)} points ${equityGap < 0 ? 'below' : 'above'} its backtest (threshold ${o.thresholds.maxEquityGapPercent})`,
    );
  }
  if (missed + extra > o.thresholds.maxMissedTrades) {
    breaches.push(
      `${missed} trade(s) of the backtest missing from the run and ${extra} extra (threshold ${o.thresholds.maxMissedTrades})`,
    );
  }
  const matched = trades.filter((t) => t.status === 'matched');
  return {
    trades,
    matched: matched.length,
    missed,
    extra,
    meanEntrySlippageBps: mean(matched.flatMap((t) => (t.entrySlippageBps === null ? [] : [t.entrySlippageBps]))),
    meanExitSlippageBps: mean(matched.flatMap((t) => (t.exitSlippageBps === null ? [] : [t.exitSlippageBps]))),
    equity,
    equityGap,
    maxEquityGap: round(maxEquityGap),
    breaches,
  };
}
