import type { Candle, CandleColumns } from '../../../../shared/domain/market';

/**
 * The chart's candles as growable typed columns, so a live update appends or replaces the last
 * candle without copying 200,000 objects, and indicators read Float64Arrays directly.
 */
export class CandleBuffer {
  length = 0;
  time = new Float64Array(0);
  open = new Float64Array(0);
  high = new Float64Array(0);
  low = new Float64Array(0);
  close = new Float64Array(0);
  volume = new Float64Array(0);

  static from(cols: CandleColumns): CandleBuffer {
    const b = new CandleBuffer();
    b.reserve(cols.time.length + 1024);
    b.time.set(cols.time);
    b.open.set(cols.open);
    b.high.set(cols.high);
    b.low.set(cols.low);
    b.close.set(cols.close);
    b.volume.set(cols.volume);
    b.length = cols.time.length;
    return b;
  }

  private reserve(capacity: number): void {
    if (capacity <= this.time.length) return;
    const grow = (a: Float64Array) => {
      const next = new Float64Array(capacity);
      next.set(a.subarray(0, this.length));
      return next;
    };
    this.time = grow(this.time);
    this.open = grow(this.open);
    this.high = grow(this.high);
    this.low = grow(this.low);
    this.close = grow(this.close);
    this.volume = grow(this.volume);
  }

  /** Applies a live candle: replaces the last one if it has the same open time, appends a newer one. */
  apply(c: Candle): 'replaced' | 'appended' | 'ignored' {
    const last = this.length - 1;
    if (last >= 0 && c.time < this.time[last]!) return 'ignored';
    let i = last;
    let result: 'replaced' | 'appended' = 'replaced';
    if (last < 0 || c.time > this.time[last]!) {
      this.reserve(this.length + 1 > this.time.length ? this.time.length * 2 + 1024 : 0);
      i = this.length++;
      result = 'appended';
    }
    this.time[i] = c.time;
    this.open[i] = c.open;
    this.high[i] = c.high;
    this.low[i] = c.low;
    this.close[i] = c.close;
    this.volume[i] = c.volume;
    return result;
  }

  closes(): Float64Array {
    return this.close.subarray(0, this.length);
  }

  candle(i: number): Candle | null {
    if (i < 0 || i >= this.length) return null;
    return {
      time: this.time[i]!,
      open: this.open[i]!,
      high: this.high[i]!,
      low: this.low[i]!,
      close: this.close[i]!,
      volume: this.volume[i]!,
    };
  }
}
