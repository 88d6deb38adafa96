/**
 * Databases as the version before the block store left them (schema 11: one row per candle), filled
 * fast from the simulator's generator: for the conversion's tests, its end-to-end test and its bench.
 */
import type { Timeframe } from '../../../shared/domain/market.js';
import { generateCandles } from '../../engine/simulator/price-process.js';
import { openDatabase, type Database } from '../database.js';
import { MIGRATIONS } from '../migrations/index.js';

/** The last schema with the `candles` row table and no blocks. */
export const ROW_TABLE_SCHEMA = 11;

export type RowSeries = {
  source: string;
  symbol: string;
  timeframe?: Timeframe;
  count: number;
  start: number;
  seed?: number;
};

const BATCH = 64;
const STEP_MS: Partial<Record<Timeframe, number>> = { '1m': 60_000, '1h': 3_600_000 };

/** Writes `count` simulated candles of one series into the old `candles` table, in one transaction. */
export function fillRowTable(db: Database, series: RowSeries): void {
  const { source, symbol, count, start } = series;
  const timeframe = series.timeframe ?? '1m';
  const step = STEP_MS[timeframe];
  if (step === undefined) throw new Error(`fillRowTable writes 1m or 1h series, not ${timeframe}`);
  if (count % BATCH !== 0) throw new Error('fillRowTable needs a count that is a multiple of 64');
  const sql = `INSERT INTO candles (source, symbol, timeframe, time, open, high, low, close, volume) VALUES ${Array.from(
    { length: BATCH },
    () => '(?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).join(', ')}`;
  const batch = db.prepare<unknown[]>(sql);
  const args = new Array<unknown>(BATCH * 9);
  const CHUNK = 1_048_576; // a multiple of BATCH: generated this many at a time
  db.transaction(() => {
    for (let done = 0; done < count; done += CHUNK) {
      const n = Math.min(CHUNK, count - done);
      const a = generateCandles({ seed: series.seed ?? 1, symbol: 'BTC/USD', start: start + done * step, count: n });
      for (let i = 0; i + BATCH <= n; i += BATCH) {
        for (let k = 0, j = 0; k < BATCH; k++) {
          args[j++] = source;
          args[j++] = symbol;
          args[j++] = timeframe;
          args[j++] = start + (done + i + k) * step;
          args[j++] = a.open[i + k];
          args[j++] = a.high[i + k];
          args[j++] = a.low[i + k];
          args[j++] = a.close[i + k];
          args[j++] = a.volume[i + k];
        }
        batch.run(args);
      }
    }
  })();
}

/** Creates `file` at schema 11 with these series in its row table. */
export function writeRowTableDatabase(file: string, series: readonly RowSeries[]): void {
  const db = openDatabase({ file, migrations: MIGRATIONS.slice(0, ROW_TABLE_SCHEMA), synchronous: 'NORMAL' });
  try {
    for (const s of series) fillRowTable(db, s);
  } finally {
    db.close();
  }
}
