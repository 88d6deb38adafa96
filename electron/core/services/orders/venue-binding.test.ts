/**
 * An order ticket is bound to the venue it was filled in for: the Orders tab sends the venue it
 * showed; if the trading mode switched meanwhile (another window, the CLI), the order is refused,
 * audited, and nothing reaches the new venue. While a switch runs, nothing is accepted at all.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/ipc/envelope.js';
import { createSimulatedExecution } from '../../../adapters/execution/simulated-execution.js';
import { createModelFeed } from '../../../adapters/execution/testing/model-feed.js';
import { Decimal } from '../../../engine/money/decimal.js';
import type { ExecutionAdapter } from '../../../engine/orders/execution-port.js';
import { createManualScheduler } from '../../../engine/scheduler.js';
import { createSimExchangeRepo } from '../../../persistence/repositories/sim-exchange-repo.js';
import { createHarness, type Harness } from './testing/order-harness.js';

const sched = createManualScheduler(Date.UTC(2025, 0, 6, 12));
const LIVE = { mode: 'LIVE', exchangeId: 'kraken', confirm: 'TRADE LIVE ON KRAKEN' } as const;
const TICKET = { symbol: 'BTC/USD', side: 'buy', type: 'market', quantity: '0.01' } as const;
const dirs: string[] = [];
let h: Harness;

afterEach(async () => {
  await h.close().catch(() => undefined);
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** The simulated exchange under kraken's name in LIVE mode; `gate` holds its creation (the switch talking to the exchange). */
async function start(gate: Promise<void> = Promise.resolve()): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-venue-binding-'));
  dirs.push(dir);
  h = createHarness({
    dir,
    clock: sched.clock,
    scheduler: sched,
    feed: createModelFeed({ clock: sched.clock, sourceId: 'kraken' }),
    async liveAdapter(venue): Promise<ExecutionAdapter> {
      await gate;
      const sim = createSimulatedExecution({
        mode: 'PAPER',
        repo: createSimExchangeRepo(h.db, venue.venue),
        feed: h.feed,
        clock: sched.clock,
        initialBalances: { USD: Decimal.parse('100000') },
      });
      return { ...sim, id: venue.venue, mode: 'LIVE' };
    },
  });
  await h.service.start();
  await h.service.setMode({ mode: 'PAPER', exchangeId: 'kraken' });
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as AppError,
  );
const everywhere = () => [
  ...h.service.list({ venue: 'kraken', scope: 'history' }),
  ...h.service.list({ venue: 'kraken', scope: 'open' }),
  ...h.service.list({ venue: 'paper:kraken', scope: 'history' }),
  ...h.service.list({ venue: 'paper:kraken', scope: 'open' }),
];

describe('orders bound to their venue', () => {
  it('refuses a PAPER ticket that arrives after the switch to LIVE, audits it, and sends nothing', async () => {
    await start();
    await h.service.setMode(LIVE);
    const refused = await refusal(h.service.submit({ ...TICKET, venue: 'paper:kraken' }));
    expect(refused).toBeInstanceOf(AppError);
    expect(refused?.code).toBe('conflict');
    expect(refused?.message).toBe(
      'order refused by the risk rule "venue": it was decided for PAPER on kraken, but trading is now LIVE on ' +
        'kraken: nothing was sent, decide again on the current venue',
    );
    expect(everywhere()).toEqual([]);
    const [veto] = h.audit.query({ kinds: ['risk.veto'] });
    expect(veto).toMatchObject({
      actor: 'user',
      details: { rule: 'venue', decidedFor: 'paper:kraken', activeVenue: 'kraken' },
    });
    // The ticket for the venue that is active goes through.
    const ok = await h.service.submit({ ...TICKET, venue: 'kraken' });
    expect(ok.status).not.toBe('REJECTED');
  });

  it('accepts nothing while the switch runs: a ticket sent meanwhile is refused, none lands on either venue', async () => {
    let connect = () => undefined as void;
    await start(new Promise<void>((resolve) => (connect = resolve)));
    const switching = h.service.setMode(LIVE);
    await new Promise((resolve) => setImmediate(resolve));
    const during = await refusal(h.service.submit({ ...TICKET, venue: 'paper:kraken' }));
    const unbound = await refusal(h.service.submit(TICKET));
    connect();
    await switching;
    expect(during?.message).toMatch(/trading is switching to LIVE on kraken.*nothing was sent/);
    expect(unbound?.message).toMatch(/trading is switching to LIVE on kraken/);
    expect(h.service.status().venue).toBe('kraken');
    expect(everywhere()).toEqual([]);
  });
});
