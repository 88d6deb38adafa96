/**
 * `npm run bench -- crash-recovery`: the crash test standalone, with more kills than the CI test
 * (electron/core/services/orders/crash.test.ts). Child processes trade on the durable simulated
 * exchange and are killed with SIGKILL at checkpoints and at random moments; after each restart
 * and reconciliation the database is checked. Prints the counts (all must be 0) and what a restart
 * costs after a kill, next to the named baseline of a restart after a clean stop.
 */
import { runCrashTest, measureCleanRestarts } from '../electron/core/services/orders/testing/crash-run.js';
import { progress, type BenchResult } from './lib/result.js';
import { summarize } from './lib/stats.js';
import { formatTable, round, section } from './lib/table.js';

export const description =
  'crash-recovery: 600 SIGKILLs of an order-placing child at random points; lost/duplicated/orphaned counts after each restart; restart cost vs a clean restart';

const KILLS = 600;
const CLEAN_RESTARTS = 30;

export async function run(): Promise<BenchResult> {
  progress(`${KILLS} kills, restart and reconciliation after each…`);
  const s = await runCrashTest({
    kills: KILLS,
    seed: 11,
    onProgress: (done, total) => {
      if (done % 50 === 0) progress(`  ${done}/${total} kills`);
    },
  });
  // Restart times are measured one lane at a time, so that both rows see the same machine.
  progress(`restart cost: ${CLEAN_RESTARTS} kills on one lane…`);
  const crashed = summarize((await runCrashTest({ kills: CLEAN_RESTARTS, lanes: 1, seed: 12 })).restartMs);
  progress(`baseline: ${CLEAN_RESTARTS} restarts after a clean stop…`);
  const clean = summarize(await measureCleanRestarts(CLEAN_RESTARTS));

  const counts = formatTable(
    ['check after every restart', 'count'],
    [
      ['orders lost (journal state differs from the exchange, or never placed but working)', s.lost],
      ['orders duplicated (a client order id placed twice)', s.duplicated],
      ['orphaned orders or fills (on one side only)', s.orphaned],
      ['exchange trades not recorded', s.missingFills],
      ['orders unresolved after reconciliation (UNKNOWN)', s.unresolved],
      ['balance differences (portfolio vs exchange)', s.balanceMismatches],
      ['PRAGMA integrity_check failures', s.integrityFailures],
    ].map(([what, n]) => [String(what), String(n)]),
    ['left', 'right'],
  );
  const points = formatTable(
    ['killed at', 'kills'],
    Object.entries(s.byPoint)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([point, n]) => [point, String(n)]),
    ['left', 'right'],
  );
  const restarts = formatTable(
    ['restart', 'runs', 'p50 ms', 'p99 ms', 'max ms'],
    [
      ['after SIGKILL: start -> reconciled', String(crashed.n), crashed.p50, crashed.p99, crashed.max],
      ['baseline: after a clean stop', String(clean.n), clean.p50, clean.p99, clean.max],
    ],
  );
  const report = section(
    `Crash recovery: ${s.kills} kills, ${s.restarts} restarts, ${s.orders} orders, ${s.trades} trades in ${Math.round(s.durationMs / 1000)} s`,
    counts,
    '',
    points,
    '',
    restarts,
    '',
    `Reconciliation resolved ${s.resolved} orders and withdrew ${s.withdrawn} never-sent intents.`,
    'Restart rows: one lane at a time (the kill runs above use several lanes side by side).',
    ...(s.failures.length > 0 ? ['', 'FAILURES:', ...s.failures.slice(0, 20)] : []),
  );
  return {
    bench: 'crash-recovery',
    report,
    figures: {
      kills: s.kills,
      restarts: s.restarts,
      orders: s.orders,
      exchange_orders: s.exchangeOrders,
      trades: s.trades,
      lost: s.lost,
      duplicated: s.duplicated,
      orphaned: s.orphaned,
      missing_fills: s.missingFills,
      unresolved: s.unresolved,
      balance_mismatches: s.balanceMismatches,
      integrity_failures: s.integrityFailures,
      resolved: s.resolved,
      withdrawn: s.withdrawn,
      duration_s: round(s.durationMs / 1000, 1),
      kills_per_s: round(s.kills / (s.durationMs / 1000), 2),
      restart_after_kill_p50_ms: round(crashed.p50, 1),
      restart_after_kill_p99_ms: round(crashed.p99, 1),
      baseline_clean_restart_p50_ms: round(clean.p50, 1),
      baseline_clean_restart_p99_ms: round(clean.p99, 1),
    },
  };
}
