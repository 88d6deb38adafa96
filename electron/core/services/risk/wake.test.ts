/**
 * Sleep and wake: on resume (Electron's powerMonitor) or a large gap in the engine's clock
 * (headless), the venue is reconciled with the exchange before any strategy or advisor order may
 * pass the gate again, and the trader is told what changed while the machine slept.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../engine/clock.js';
import { Decimal } from '../../../engine/money/decimal.js';
import type { Scheduler } from '../../../engine/scheduler.js';
import type { RiskIntent } from '../orders/risk-gate.js';
import { createClockGapWatch } from './wake.js';
import { createRiskHarness, type RiskHarness } from './testing/risk-harness.js';

const dirs: string[] = [];
const open: RiskHarness[] = [];

afterEach(async () => {
  for (const r of open.splice(0)) await r.close().catch(() => undefined);
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function harness(): RiskHarness {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-wake-'));
  dirs.push(dir);
  const r = createRiskHarness({ dir });
  open.push(r);
  return r;
}

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const strategyBuy = (venue: string): RiskIntent => ({
  origin: 'strategy',
  mode: 'SIMULATOR',
  venue,
  symbol: 'BTC/USD',
  side: 'buy',
  type: 'market',
  quantity: Decimal.parse('0.001'),
  price: null,
  stopPrice: null,
  referencePrice: Decimal.parse('100'),
  notional: Decimal.parse('0.1'),
  timeInForce: 'GTC',
  parentClientOrderId: null,
});

describe('sleep and wake', () => {
  it('reconciles the venue on resume before a strategy order may pass, and says what changed', async () => {
    const r = harness();
    await r.h.service.start();
    const resting = await r.h.service.submit({
      symbol: 'BTC/USD',
      side: 'buy',
      type: 'limit',
      quantity: '0.01',
      price: '1000',
    });
    r.risk.onPowerEvent('suspend');
    // While the machine slept the exchange cancelled the order (its dead man's switch fired).
    r.h.exchange.transact((tx) => {
      for (const o of tx.openOrders()) {
        tx.updateOrder(o.exchangeOrderId, { filled: o.filled, status: 'canceled', at: Date.now() });
      }
    });
    r.risk.onPowerEvent('resume');
    const refused = await r.risk.gate(strategyBuy('simulator'));
    expect(refused).toMatchObject({
      approved: false,
      detail: expect.stringContaining('woke from sleep'),
    });

    await until(() => r.risk.wakeState()?.phase === 'done');
    expect(r.h.service.get(resting.clientOrderId).order.status).toBe('CANCELLED');
    expect(r.risk.wakeState()?.changes).toEqual([
      expect.stringContaining(`order ${resting.clientOrderId} (buy 0.01 BTC/USD limit): OPEN -> CANCELLED`),
    ]);
    expect(r.h.logger.entries.some((e) => /while the machine slept/.test(e.message))).toBe(true);
    expect(r.seen.updated.some((u) => u.reason === 'wake' && /1 change/.test(u.detail ?? ''))).toBe(true);
    const after = await r.risk.gate(strategyBuy('simulator'));
    // Other rules may still have their say; the wake no longer holds strategy orders back.
    expect(after.approved ? '' : after.detail).not.toMatch(/woke from sleep/);
  });

  it('headless: a gap in the engine clock much longer than its tick counts as a wake', () => {
    const clock = createManualClock(1_000_000);
    let due: (() => void) | null = null;
    const scheduler: Scheduler = {
      setTimeout: (callback) => {
        due = callback;
        return 1;
      },
      clearTimeout: () => {
        due = null;
      },
    };
    const woke: string[] = [];
    const watch = createClockGapWatch({
      clock,
      scheduler,
      tickMs: 5_000,
      gapMs: 30_000,
      onGap: (why) => woke.push(why),
    });
    watch.start();
    clock.advance(5_000);
    due!();
    expect(woke).toEqual([]);
    clock.advance(5_000 + 10 * 60_000);
    due!();
    expect(woke).toEqual([expect.stringContaining("the engine's clock jumped 600 s")]);
    watch.stop();
    expect(due).toBeNull();
  });
});
