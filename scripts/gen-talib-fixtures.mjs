#!/usr/bin/env node
/**
 * Generates the TA-Lib reference values that shared/indicators is tested against
 * (shared/indicators/talib.test.ts). Run once by hand; the outputs are committed:
 *   shared/indicators/fixtures/talib-input.csv       2,000 hourly candles from a seeded generator
 *   shared/indicators/fixtures/talib-reference.json  TA-Lib's output for those candles
 *
 * TA-Lib is a dev tool here, never a project dependency. Install it in a scratch folder (it builds
 * TA-Lib's C sources with node-gyp; the project's allowScripts policy does not cover it, so run its
 * install script by hand):
 *   mkdir -p /tmp/talib-gen && cd /tmp/talib-gen && echo '{"private":true}' > package.json
 *   npm install --no-save talib@1.1.6
 *   cd node_modules/talib && node ./src/lib/build.js && npx node-gyp configure && npx node-gyp build
 * then, from the project folder:
 *   TALIB_DIR=/tmp/talib-gen node scripts/gen-talib-fixtures.mjs
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT_DIR = path.join(ROOT, 'shared/indicators/fixtures');
const TALIB_DIR = process.env.TALIB_DIR ?? '/tmp/talib-gen';
const COUNT = 2000;
const START = Date.UTC(2024, 0, 1);
const HOUR = 3_600_000;
/** Values are stored with 10 decimals: far below the 1e-6 the tests allow. */
const DECIMALS = 10;

/** mulberry32: a tiny seeded PRNG, so the series is the same on every machine. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Hourly BTC-like candles: log returns with clustered volatility (a GARCH-like factor), trending
 * and ranging stretches, occasional gaps, highs and lows around the body, volume that rises with
 * the range. Prices have 2 decimals, volumes 4.
 */
function generate() {
  const rand = mulberry32(20240101);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const rows = [];
  let close = 42_000;
  let vol = 0.006;
  let drift = 0;
  for (let i = 0; i < COUNT; i++) {
    if (i % 150 === 0) drift = (rand() - 0.5) * 0.002;
    vol = Math.min(0.03, Math.max(0.002, 0.94 * vol + 0.06 * 0.006 * 1.2533 * Math.abs(normal())));
    const gap = rand() < 0.02 ? normal() * vol * 0.5 : 0;
    const open = close * Math.exp(gap);
    const next = open * Math.exp(drift + vol * normal());
    const high = Math.max(open, next) * Math.exp(Math.abs(normal()) * vol * 0.5);
    const low = Math.min(open, next) * Math.exp(-Math.abs(normal()) * vol * 0.5);
    const volume = 50 * (1 + Math.abs(next / open - 1) / vol) * (0.5 + rand());
    const r2 = (x) => x.toFixed(2);
    rows.push([START + i * HOUR, r2(open), r2(high), r2(low), r2(next), volume.toFixed(4)]);
    close = Number(r2(next));
  }
  return rows;
}

function main() {
  const require = createRequire(path.join(TALIB_DIR, 'package.json'));
  let talib;
  try {
    talib = require('talib');
  } catch (error) {
    console.error(`cannot load talib from ${TALIB_DIR} (see the comment at the top of this script): ${error.message}`);
    process.exit(1);
  }
  const rows = generate();
  const csv = ['time,open,high,low,close,volume', ...rows.map((r) => r.join(','))].join('\n') + '\n';
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(path.join(OUT_DIR, 'talib-input.csv'), csv);

  // TA-Lib gets the numbers exactly as the test reads them back from the CSV.
  const column = (c) => rows.map((r) => Number(r[c]));
  const [open, high, low, close, volume] = [1, 2, 3, 4, 5].map(column);
  const endIdx = COUNT - 1;
  const run = (name, inputs, options, outputs = ['outReal']) => {
    const r = talib.execute({ name, startIdx: 0, endIdx, ...inputs, ...options });
    if (r.error) throw new Error(`${name}: ${r.error}`);
    return outputs.map((o) => ({
      begIndex: r.begIndex,
      values: r.result[o].map((v) => Number(v.toFixed(DECIMALS))),
    }));
  };
  const real = { inReal: close };
  const hlc = { high, low, close };
  const series = {};
  const add = (key, out) => (series[key] = out);
  for (const n of [20, 50]) add(`SMA_${n}`, run('SMA', real, { optInTimePeriod: n })[0]);
  for (const n of [12, 26, 50]) add(`EMA_${n}`, run('EMA', real, { optInTimePeriod: n })[0]);
  for (const n of [14, 7]) add(`RSI_${n}`, run('RSI', real, { optInTimePeriod: n })[0]);
  add('ATR_14', run('ATR', hlc, { optInTimePeriod: 14 })[0]);
  const macd = run('MACD', real, { optInFastPeriod: 12, optInSlowPeriod: 26, optInSignalPeriod: 9 }, [
    'outMACD',
    'outMACDSignal',
    'outMACDHist',
  ]);
  [series.MACD_line, series.MACD_signal, series.MACD_hist] = macd;
  const bands = run('BBANDS', real, { optInTimePeriod: 20, optInNbDevUp: 2, optInNbDevDn: 2, optInMAType: 0 }, [
    'outRealUpperBand',
    'outRealMiddleBand',
    'outRealLowerBand',
  ]);
  [series.BBANDS_upper, series.BBANDS_middle, series.BBANDS_lower] = bands;
  add('ADX_14', run('ADX', hlc, { optInTimePeriod: 14 })[0]);
  add('PLUS_DI_14', run('PLUS_DI', hlc, { optInTimePeriod: 14 })[0]);
  add('MINUS_DI_14', run('MINUS_DI', hlc, { optInTimePeriod: 14 })[0]);
  add('ROC_10', run('ROC', real, { optInTimePeriod: 10 })[0]);
  add('VOLUME_SMA_20', run('SMA', { inReal: volume }, { optInTimePeriod: 20 })[0]);
  void open;

  const fixture = {
    generator: 'scripts/gen-talib-fixtures.mjs',
    talib: `talib npm ${require('talib/package.json').version} (TA-Lib C library built from source)`,
    input: 'talib-input.csv',
    decimals: DECIMALS,
    series,
  };
  fs.writeFileSync(path.join(OUT_DIR, 'talib-reference.json'), JSON.stringify(fixture) + '\n');
  console.log(
    `wrote ${COUNT} candles and ${Object.keys(series).length} TA-Lib series to ${path.relative(ROOT, OUT_DIR)}`,
  );
}

main();
