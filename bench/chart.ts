/**
 * `npm run bench -- chart`: lightweight-charts in Debian's Chromium (headless): setData of 50,000
 * and 200,000 candles, and the latency of a live update through series.update(), against the
 * named baseline of the anti-pattern it replaces: setData of the whole series on every tick.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { BenchSetupError, progress, type BenchResult } from './lib/result.js';
import { median, percentile } from './lib/stats.js';
import { formatTable, round, section } from './lib/table.js';

export const description =
  'lightweight-charts in Chromium: setData of 50k/200k candles, update() latency vs setData per tick';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OPTIONS = {
  setDataCandles: 50_000,
  setDataReps: 5,
  bigCandles: 200_000,
  bigReps: 3,
  updateTicks: 600,
  baselineTicks: 60,
};

type Times = { call: number[]; toFrame: number[] };
type PageResult = { set50k: Times; set200k: Times; update: Times; setDataPerTick: Times };

export async function run(): Promise<BenchResult> {
  if (!fs.existsSync(CHROMIUM))
    throw new BenchSetupError(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  const require = createRequire(import.meta.url);
  const lib = path.join(
    path.dirname(require.resolve('lightweight-charts/package.json')),
    'dist',
    'lightweight-charts.standalone.production.js',
  );
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.setContent('<!doctype html><html><body style="margin:0"></body></html>');
    await page.addScriptTag({ path: lib });
    await page.addScriptTag({ path: path.join(import.meta.dirname, 'chart', 'page-bench.js') });
    progress('running in Chromium (about 30 s)…');
    const r = (await page.evaluate(
      (opts) => (globalThis as unknown as { runChartBench(o: typeof opts): Promise<unknown> }).runChartBench(opts),
      OPTIONS,
    )) as PageResult;
    const row = (name: string, t: Times, note: string) => [
      name,
      median(t.call),
      percentile(t.call, 99),
      median(t.toFrame),
      percentile(t.toFrame, 99),
      note,
    ];
    const table = formatTable(
      ['what', 'call p50 ms', 'call p99 ms', 'to frame p50 ms', 'to frame p99 ms', 'note'],
      [
        row('setData 50,000 candles + volume', r.set50k, `${OPTIONS.setDataReps} fresh charts`),
        row('setData 200,000 candles + volume', r.set200k, `${OPTIONS.bigReps} fresh charts`),
        row('live tick: series.update()', r.update, `${OPTIONS.updateTicks} ticks on 50,000 candles`),
        row('baseline: setData per tick', r.setDataPerTick, `${OPTIONS.baselineTicks} ticks on 50,000 candles`),
      ],
    );
    const speedup = median(r.setDataPerTick.call) / Math.max(1e-6, median(r.update.call));
    const report = section(
      'lightweight-charts 5 in headless Chromium (software rendering, 1200x700)',
      table,
      '',
      `"call" is the synchronous API call; "to frame" adds two animation frames (the chart has painted).`,
      `update() is ${speedup.toFixed(0)}x cheaper per tick than re-sending the whole series (medians of the call).`,
      'No target is given for these figures.',
    );
    return {
      bench: 'chart',
      report,
      figures: {
        setdata_50k_call_p50_ms: round(median(r.set50k.call), 2),
        setdata_50k_to_frame_p50_ms: round(median(r.set50k.toFrame), 2),
        setdata_200k_call_p50_ms: round(median(r.set200k.call), 2),
        setdata_200k_to_frame_p50_ms: round(median(r.set200k.toFrame), 2),
        update_call_p50_ms: round(median(r.update.call), 4),
        update_call_p99_ms: round(percentile(r.update.call, 99), 4),
        update_to_frame_p50_ms: round(median(r.update.toFrame), 2),
        update_to_frame_p99_ms: round(percentile(r.update.toFrame, 99), 2),
        baseline_setdata_per_tick_call_p50_ms: round(median(r.setDataPerTick.call), 2),
        baseline_setdata_per_tick_to_frame_p50_ms: round(median(r.setDataPerTick.toFrame), 2),
      },
    };
  } finally {
    await browser.close();
  }
}
