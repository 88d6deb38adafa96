/** The risk service's gate in the real order path: the context it gathers, vetoes logged and audited, protect mode. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderRequestInput } from '../../../../shared/domain/orders.js';
import type { Candle } from '../../../../shared/domain/market.js';
import { AppError } from '../../../../shared/ipc/envelope.js';
import { systemClock } from '../../../adapters/clock/system-clock.js';
import { createSimulatedExecution } from '../../../adapters/execution/simulated-execution.js';
import { createModelFeed } from '../../../adapters/execution/testing/model-feed.js';
import type { ExecutionAdapter } from '../../../engine/orders/execution-port.js';
import { createSimExchangeRepo } from '../../../persistence/repositories/sim-exchange-repo.js';
import { createRiskHarness, type RiskHarness, type RiskHarnessOptions } from './testing/risk-harness.js';

const dirs: string[] = [];
const open: RiskHarness[] = [];

function harness(extra: Partial<RiskHarnessOptions> = {}): RiskHarness {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-risk-gate-'));
  dirs.push(dir);
  const r = createRiskHarness({ dir, ...extra });
  open.push(r);
  return r;
}

afterEach(async () => {
  for (const r of open.splice(0)) await r.close().catch(() => undefined);
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const buy = (quantity: string, more: Partial<OrderRequestInput> = {}): OrderRequestInput => ({
  symbol: 'BTC/USD',
  side: 'buy',
  type: 'market',
  quantity,
  ...more,
});

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as AppError,
  );

describe('the risk gate in the order path', () => {
  it('vetoes an entry over the capital per symbol, counting the position already held, with its numbers', async () => {
    const { h, risk } = harness();
    await h.service.start();
    h.feed.setMid('BTC/USD', 50_000);
    risk.updateSettings({ capitalPerSymbol: { percent: 1 } }); // 1 % of 1,000,000 USD = 10,000 USD

    const first = await h.service.submit(buy('0.1')); // about 5,000 USD
    expect(first.status).toBe('OPEN');
    await h.settle();

    const veto = await refusal(h.service.submit(buy('0.12'))); // 5,000 held + 6,000 more > 10,000
    expect(veto).toBeInstanceOf(AppError);
    expect(veto?.code).toBe('conflict');
    expect(veto?.message).toMatch(
      /^order refused by the risk rule "Capital per symbol": the capital in BTC\/USD would be/,
    );
    expect(veto?.message).toMatch(
      /\(1\.1\d* % of equity 999,9\d\d\.\d\d USD\): above the 1 % limit \(9,999\.\d\d USD\); room left: 4,\d{3}\.\d\d USD/,
    );

    const log = risk.vetoes({});
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      rule: 'CAPITAL_PER_SYMBOL',
      order: { symbol: 'BTC/USD', side: 'buy', type: 'market', quantity: '0.12', origin: 'user', venue: 'simulator' },
      details: { symbol: 'BTC/USD', limitPercent: '1' },
    });
    expect(Number(log[0]!.details.current)).toBeGreaterThan(4_900); // the position, at its mark
    const audited = h.audit.query({ kinds: ['risk.veto'] });
    expect(audited).toHaveLength(1);
    expect(audited[0]!.details).toMatchObject({ rule: 'CAPITAL_PER_SYMBOL' });
    // Nothing of the vetoed order reached the journal.
    expect(h.service.list({ scope: 'history' })).toHaveLength(1);
  });

  it('counts working orders against the open-order limit and the total exposure', async () => {
    const { h, risk } = harness();
    await h.service.start();
    risk.updateSettings({ maxOpenOrders: { count: 2 } });
    const limit = (price: string) => buy('0.01', { type: 'limit', price });
    await h.service.submit(limit('1000'));
    await h.service.submit(limit('1000'));
    const veto = await refusal(h.service.submit(limit('1000')));
    expect(veto?.message).toContain('"Maximum open orders": 2 orders are open: the limit is 2 open orders');

    risk.updateSettings({ maxOpenOrders: { count: 50 }, totalExposure: { percent: 1 } });
    // Two open buys of 10 USD each count; 10,000 USD more goes over 1 % of 1,000,000.
    const total = await refusal(h.service.submit(buy('0.01', { type: 'limit', price: '999990' })));
    expect(total?.message).toContain('"Total exposure": the total exposure would be');
  });

  it('lets an exit through while blocking entries (protect mode on suspend and network loss)', async () => {
    const { h, risk } = harness();
    await h.service.start();
    await h.service.submit(buy('0.05'));
    await h.settle();

    risk.onPowerEvent('suspend');
    const frozen = await refusal(h.service.submit(buy('0.01')));
    expect(frozen?.message).toContain('"Protect mode": new entries are frozen because the system is suspended');
    const exit = await h.service.submit({ symbol: 'BTC/USD', side: 'sell', type: 'market', quantity: '0.02' });
    expect(exit.status).toBe('OPEN');
    risk.onPowerEvent('resume');
    risk.onFeedStatus({ source: 'simulator', state: 'down', message: 'no network', lastUpdate: null });
    expect(await refusal(h.service.submit(buy('0.01')))).toMatchObject({
      message: expect.stringContaining('because the network is lost'),
    });
    risk.onFeedStatus({ source: 'simulator', state: 'live', message: null, lastUpdate: null });
    expect((await h.service.submit(buy('0.01'))).status).toBe('OPEN');
    expect(risk.killSwitch().engaged).toBe(false);

    // With the setting, protect mode engages the kill switch too, which stays until re-armed.
    risk.updateSettings({ protect: { engageKillSwitchOnProtect: true } });
    risk.onPowerEvent('lock-screen');
    await h.settle();
    risk.onPowerEvent('unlock-screen');
    expect(risk.killSwitch()).toMatchObject({ engaged: true, mode: 'FREEZE', by: 'protect' });
    expect(await refusal(h.service.submit(buy('0.01')))).toMatchObject({
      message: expect.stringContaining('"Kill switch"'),
    });
  });

  it('in dry run checks LIVE orders with every rule and sends none to the exchange', async () => {
    const placed: string[] = [];
    const feed = createModelFeed({ clock: systemClock, sourceId: 'kraken' });
    const r: RiskHarness = harness({
      feed,
      liveAdapter: async (venue): Promise<ExecutionAdapter> => {
        const sim = createSimulatedExecution({
          mode: 'PAPER',
          repo: createSimExchangeRepo(r.h.db, venue.venue),
          feed,
          clock: systemClock,
        });
        return {
          ...sim,
          id: venue.venue,
          mode: 'LIVE',
          place: (req) => (placed.push(req.clientOrderId), sim.place(req)),
        };
      },
    });
    await r.h.service.start();
    await r.h.service.setMode({ mode: 'LIVE', exchangeId: 'kraken', confirm: 'TRADE LIVE ON KRAKEN' });
    r.risk.updateSettings({ dryRun: true });
    expect(await refusal(r.h.service.submit(buy('0.01')))).toMatchObject({
      message: expect.stringContaining(
        '"DRY_RUN": dry run is on: every risk rule approved the order, but it was not sent',
      ),
    });
    r.risk.updateSettings({ capitalPerSymbol: { percent: 1 } });
    expect(await refusal(r.h.service.submit(buy('1')))).toMatchObject({
      message: expect.stringContaining('"Capital per symbol"'), // the rules still decide first
    });
    expect(placed).toEqual([]);
    r.risk.updateSettings({ dryRun: false, capitalPerSymbol: { percent: 20 } });
    expect((await r.h.service.submit(buy('0.01'))).status).toBe('OPEN');
    expect(placed).toHaveLength(1);
  });

  it('pauses entries on a symbol whose ATR spiked, and says until when', async () => {
    const minute = 60_000;
    const hour = 60 * minute;
    // Hourly candles (the breaker watches 1h ATR), the last one closing just now.
    const candles = async (_symbol: string, from: number, to: number): Promise<Candle[]> => {
      const out: Candle[] = [];
      const last = to - hour;
      for (let t = last - Math.floor((last - from) / hour) * hour; t <= last; t += hour) {
        const wide = t >= last - 2 * hour; // the last three candles are ten times as wide
        out.push({ time: t, open: 100, high: wide ? 110 : 101, low: wide ? 90 : 99, close: 100, volume: 1 });
      }
      return out;
    };
    const { h, risk } = harness({ candles });
    await h.service.start();
    const veto = await refusal(h.service.submit(buy('0.01')));
    expect(veto?.message).toMatch(
      /"Volatility \(ATR\) spike": the ATR of BTC\/USD jumped to .* new entries pause until .* min left of a 30 min cooling period/,
    );
    const overview = await risk.overview();
    const btc = overview.breakers.find((b) => b.id === 'ATR_SPIKE' && b.symbol === 'BTC/USD');
    expect(btc).toMatchObject({ tripped: true });
    expect(btc!.msLeft).toBeGreaterThan(25 * minute);
    risk.updateSettings({ atrSpike: { enabled: false } });
    expect((await h.service.submit(buy('0.01'))).status).toBe('OPEN');
  });
});
