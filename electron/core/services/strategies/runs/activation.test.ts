/** The activation rules, one by one. */
import { describe, expect, it } from 'vitest';
import { checkActivation, type ActivationFacts } from './activation.js';

const facts = (over: Partial<ActivationFacts> = {}): ActivationFacts => ({
  strategy: { name: 'Trend', kind: 'signal', updatedAt: 1000 },
  symbol: 'BTC/USD',
  timeframe: '1h',
  mode: 'SIMULATOR',
  backtest: { grade: 'ACCEPTABLE', ranAt: 2000 },
  gauntlet: null,
  paperTradesSince: () => 0,
  paperTradesRequired: 20,
  killSwitchEngaged: false,
  existingRun: null,
  ...over,
});

describe('activation rules', () => {
  it('allows an ACCEPTABLE strategy in SIMULATOR and PAPER', () => {
    for (const mode of ['SIMULATOR', 'PAPER'] as const) {
      expect(checkActivation(facts({ mode }))).toMatchObject({
        allowed: true,
        grade: 'ACCEPTABLE',
        gradeSource: 'backtest',
        reasons: [],
        approvedAt: 2000,
      });
    }
  });

  it('refuses a FAILED strategy, saying so', () => {
    const c = checkActivation(facts({ backtest: { grade: 'FAILED', ranAt: 2000 } }));
    expect(c.allowed).toBe(false);
    expect(c.reasons).toEqual([expect.stringContaining('graded "Trend" FAILED')]);
  });

  it('refuses without a backtest on this symbol and timeframe', () => {
    const c = checkActivation(facts({ backtest: null }));
    expect(c).toMatchObject({ allowed: false, grade: null, gradeSource: null });
    expect(c.reasons).toEqual(['"Trend" has no backtest on BTC/USD 1h: run a backtest on BTC/USD 1h first']);
  });

  it('refuses when the strategy was edited after its backtest', () => {
    const c = checkActivation(facts({ backtest: { grade: 'EXCELLENT', ranAt: 999 } }));
    expect(c.allowed).toBe(false);
    expect(c.reasons[0]).toMatch(/edited after its last backtest on BTC\/USD 1h: backtest it again/);
  });

  it('uses a fresh gauntlet verdict over the backtest grade, and ignores a stale one', () => {
    const failedGauntlet = checkActivation(facts({ gauntlet: { grade: 'FAILED', ranAt: 3000 } }));
    expect(failedGauntlet).toMatchObject({ allowed: false, grade: 'FAILED', gradeSource: 'gauntlet' });
    const stale = checkActivation(facts({ gauntlet: { grade: 'FAILED', ranAt: 500 } }));
    expect(stale).toMatchObject({ allowed: true, grade: 'ACCEPTABLE', gradeSource: 'backtest' });
  });

  it('LIVE needs GOOD or better and the paper trades since approval', () => {
    const since: number[] = [];
    const acceptable = checkActivation(facts({ mode: 'LIVE', paperTradesSince: (s) => (since.push(s), 25) }));
    expect(acceptable.allowed).toBe(false);
    expect(acceptable.reasons).toEqual([expect.stringContaining('LIVE needs a grade of GOOD or better')]);
    expect(since).toEqual([2000]); // counted from the approval

    const fewTrades = checkActivation(
      facts({ mode: 'LIVE', backtest: { grade: 'GOOD', ranAt: 2000 }, paperTradesSince: () => 19 }),
    );
    expect(fewTrades).toMatchObject({ allowed: false, paperTrades: 19, paperTradesRequired: 20 });
    expect(fewTrades.reasons).toEqual([
      expect.stringContaining('LIVE needs 20 paper trades since the approval; "Trend" has 19'),
    ]);

    const ready = checkActivation(
      facts({ mode: 'LIVE', backtest: { grade: 'GOOD', ranAt: 2000 }, paperTradesSince: () => 20 }),
    );
    expect(ready).toMatchObject({ allowed: true, paperTrades: 20 });
  });

  it('refuses while the kill switch is engaged, and while the strategy already runs on the symbol', () => {
    expect(checkActivation(facts({ killSwitchEngaged: true })).reasons).toEqual([
      'the kill switch is engaged: re-arm trading on the Risk tab first',
    ]);
    expect(checkActivation(facts({ existingRun: 'RUNNING' })).reasons).toEqual([
      '"Trend" already has a running run on BTC/USD: stop it first',
    ]);
  });

  it('applies the same rules to a grid strategy, and lists every reason at once', () => {
    const grid = { name: 'Grid', kind: 'grid', updatedAt: 1000 } as const;
    expect(checkActivation(facts({ strategy: grid }))).toMatchObject({ allowed: true, reasons: [] });
    const c = checkActivation(facts({ strategy: grid, backtest: null, killSwitchEngaged: true }));
    expect(c.reasons).toEqual([
      '"Grid" has no backtest on BTC/USD 1h: run a backtest on BTC/USD 1h first',
      'the kill switch is engaged: re-arm trading on the Risk tab first',
    ]);
  });
});
