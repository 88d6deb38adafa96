/** The conversion of an old row table into blocks, as on the first start after the upgrade. */
import path from 'node:path';
import { convertCandleRows } from '../../electron/persistence/candle-conversion.js';
import { openDatabase, type Database } from '../../electron/persistence/database.js';
import { MIGRATIONS } from '../../electron/persistence/migrations/index.js';
import { progress } from '../lib/result.js';
import { START, time } from './data.js';
import { fillRowTable, ROW_TABLE_SCHEMA } from '../../electron/persistence/testing/row-table.js';
import fs from 'node:fs';

const CONVERT_SERIES = 4;

function fileBytes(db: Database, file: string): number {
  db.pragma('wal_checkpoint(TRUNCATE)');
  return fs.statSync(file).size + (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);
}

/**
 * Writes `count` simulated minutes (in 4 series) into a schema-11 row table, then times opening the
 * file with every migration and converting it (openDatabase's integrity check included).
 */
export function measureConversion(dir: string, count: number) {
  const ROW_SCHEMA = MIGRATIONS.slice(0, ROW_TABLE_SCHEMA);
  const file = path.join(dir, 'convert.db');
  const perSeries = Math.floor(count / CONVERT_SERIES / 64) * 64;
  const total = perSeries * CONVERT_SERIES;
  progress(`conversion: writing ${total.toLocaleString('en-US')} candles into a row table (schema 11)...`);
  let db = openDatabase({ file, migrations: ROW_SCHEMA, synchronous: 'FULL' });
  for (let k = 0; k < CONVERT_SERIES; k++) {
    fillRowTable(db, { source: 'bench', symbol: `C${k}/USD`, count: perSeries, start: START, seed: 10 + k });
  }
  const before = fileBytes(db, file);
  db.close();
  progress('conversion: opening with migration 12 and converting...');
  let ticks = 0;
  const opened = time(() => (db = openDatabase({ file, migrations: MIGRATIONS, synchronous: 'FULL' })));
  const run = time(() => {
    return convertCandleRows(db, { onProgress: () => void (++ticks % 25 === 0 && progress(`  ... ${ticks} chunks`)) });
  });
  if (run.value?.converted !== total) throw new Error('the conversion did not convert every candle');
  const after = fileBytes(db, file);
  db.close();
  return { total, ms: opened.ms + run.ms, openMs: opened.ms, before, after };
}
