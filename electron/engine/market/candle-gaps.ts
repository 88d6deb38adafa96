/**
 * Missing-candle arithmetic over open times. Candles of a timeframe open on multiples of its
 * length since the Unix epoch (UTC): 1m on whole minutes, 4h at 00:00/04:00/..., 1d at midnight UTC.
 */

/** An inclusive range of open times, UTC ms. */
export type TimeRange = { from: number; to: number };

/** A run of missing candles: open times `from`..`to` (inclusive, both aligned), `missing` of them. */
export type CandleGap = TimeRange & { missing: number };

/** The open time of the slot containing `time`. */
export function slotStart(time: number, stepMs: number): number {
  return Math.floor(time / stepMs) * stepMs;
}

/** The first slot open time at or after `time`. */
export function alignUp(time: number, stepMs: number): number {
  return Math.ceil(time / stepMs) * stepMs;
}

/** The open time of the last candle that has closed at `now` (its end is at or before `now`). */
export function lastClosedSlot(now: number, stepMs: number): number {
  return slotStart(now, stepMs) - stepMs;
}

function gap(from: number, to: number, stepMs: number): CandleGap {
  return { from, to, missing: (to - from) / stepMs + 1 };
}

/**
 * The missing slots of [from, to] given the stored open times (ascending). Times that are not on a
 * slot boundary fill nothing. An empty or inverted range has no gaps.
 */
export function findGaps(times: ArrayLike<number>, from: number, to: number, stepMs: number): CandleGap[] {
  const first = alignUp(from, stepMs);
  const last = slotStart(to, stepMs);
  const gaps: CandleGap[] = [];
  if (last < first) return gaps;
  let expected = first;
  for (let i = 0; i < times.length && expected <= last; i++) {
    const t = times[i]!;
    if (t < expected || t > last || t % stepMs !== 0) continue;
    if (t > expected) gaps.push(gap(expected, t - stepMs, stepMs));
    expected = t + stepMs;
  }
  if (expected <= last) gaps.push(gap(expected, last, stepMs));
  return gaps;
}

/**
 * Removes the `covered` ranges from `gaps` (both inclusive, aligned to `stepMs`). Used to skip
 * ranges a source was already asked for and had no candles for.
 */
export function subtractRanges(gaps: readonly CandleGap[], covered: readonly TimeRange[], stepMs: number): CandleGap[] {
  const cover = [...covered].sort((a, b) => a.from - b.from);
  const out: CandleGap[] = [];
  for (const g of gaps) {
    let start = g.from;
    for (const c of cover) {
      if (c.to < start || c.from > g.to) continue;
      if (c.from > start) out.push(gap(start, alignUp(c.from, stepMs) - stepMs, stepMs));
      start = Math.max(start, slotStart(c.to, stepMs) + stepMs);
      if (start > g.to) break;
    }
    if (start <= g.to) out.push(gap(start, g.to, stepMs));
  }
  return out.filter((g) => g.missing > 0);
}

/** Joins overlapping or touching ranges (touching: the next starts one step after the previous ends). */
export function mergeRanges(ranges: readonly TimeRange[], stepMs: number): TimeRange[] {
  const sorted = [...ranges].sort((a, b) => a.from - b.from);
  const out: TimeRange[] = [];
  for (const r of sorted) {
    const prev = out[out.length - 1];
    if (prev && r.from <= prev.to + stepMs) prev.to = Math.max(prev.to, r.to);
    else out.push({ from: r.from, to: r.to });
  }
  return out;
}
