/**
 * The crash test: child processes placing orders on the durable simulated exchange are killed with
 * SIGKILL at 200+ points (after the intent is journaled, after it is sent, after the exchange
 * placed or matched it, after the answer, between fills, around cancels, and at random moments);
 * after each restart and reconciliation the database must show 0 lost, 0 duplicated, 0 orphaned
 * orders or fills, every exchange trade recorded once, balances equal, and integrity_check ok.
 * `npm run bench -- crash-recovery` runs the same with more kills and prints the counts.
 */
import { describe, expect, it } from 'vitest';
import { CRASH_POINTS, runCrashTest } from './testing/crash-run.js';

describe('orders survive SIGKILL at any point', () => {
  it('loses, duplicates and orphans nothing over 200 kills and restarts', async () => {
    const summary = await runCrashTest({ kills: 200, seed: 7 });
    console.info(
      `crash test: ${summary.kills} kills, ${summary.restarts} restarts, ${summary.orders} orders, ${summary.trades} trades ` +
        `in ${Math.round(summary.durationMs / 1000)} s; by point ${JSON.stringify(summary.byPoint)}`,
    );
    expect(summary.failures).toEqual([]);
    expect(summary.kills).toBeGreaterThanOrEqual(200);
    expect({
      lost: summary.lost,
      duplicated: summary.duplicated,
      orphaned: summary.orphaned,
      missingFills: summary.missingFills,
      unresolved: summary.unresolved,
      balanceMismatches: summary.balanceMismatches,
      integrityFailures: summary.integrityFailures,
    }).toEqual({
      lost: 0,
      duplicated: 0,
      orphaned: 0,
      missingFills: 0,
      unresolved: 0,
      balanceMismatches: 0,
      integrityFailures: 0,
    });
    // The kills landed everywhere the issue names, and the runs did real work.
    for (const point of CRASH_POINTS) expect(summary.byPoint[point] ?? 0, point).toBeGreaterThan(0);
    expect(summary.trades).toBeGreaterThan(200);
    expect(summary.resolved).toBeGreaterThan(0);
  }, 240_000);
});
