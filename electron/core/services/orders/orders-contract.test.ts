/** The orders calls and events through the real core (dispatch, simulator market, journal, simulated exchange). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../../../shared/ipc/contract.js';
import { createTempCore, type TempCore } from '../../testing/temp-core.js';

let t: TempCore;
const seen: Array<{ name: EventName; payload: unknown }> = [];
const call = (name: string, input: unknown = {}) => t.core.dispatch(name, input, { transport: 'test' });

beforeAll(async () => {
  t = await createTempCore();
  t.core.events.subscribe((name, payload) => seen.push({ name, payload }));
  await t.core.services.orders.start();
  // The simulator's volatility bursts trip the ATR spike breaker about 5 % of the time; these tests are about orders.
  await call('risk.settings.update', { atrSpike: { enabled: false } });
}, 60_000);
afterAll(async () => {
  await t.cleanup();
});

describe('orders through the contract', () => {
  it('reports the trading mode and the startup reconciliation', async () => {
    expect(await call('trading.status')).toEqual({
      ok: true,
      data: {
        mode: 'SIMULATOR',
        exchangeId: null,
        venue: 'simulator',
        halted: null,
        reconciled: true,
        liveConfirmText: null,
        simulatedFees: { makerRate: '0.0016', takerRate: '0.0026' },
      },
    });
    const r = await call('orders.reconciliation');
    expect(r).toMatchObject({ ok: true, data: { venue: 'simulator', checked: 0, problems: [] } });
  });

  it('submits, fills and reports an order, and moves the portfolio', async () => {
    const submitted = await call('orders.submit', { symbol: 'BTC/USD', side: 'buy', type: 'market', quantity: '0.01' });
    expect(submitted).toMatchObject({ ok: true, data: { status: 'OPEN', symbol: 'BTC/USD' } });
    const id = (submitted as { data: { clientOrderId: string } }).data.clientOrderId;
    await t.core.services.orders.idle();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await call('orders.get', { clientOrderId: id })).toMatchObject({
      ok: true,
      data: { venue: 'simulator', order: { status: 'FILLED' }, fills: [{ clientOrderId: id }] },
    });
    expect(await call('orders.list', { scope: 'history', symbol: 'BTC/USD' })).toMatchObject({
      ok: true,
      data: [{ clientOrderId: id }],
    });
    expect(await call('orders.fills', { clientOrderId: id })).toMatchObject({
      ok: true,
      data: [{ clientOrderId: id, liquidity: 'taker' }],
    });
    const portfolio = (await call('portfolio.get')) as {
      ok: true;
      data: { positions: Array<{ quantity: string; markPrice: string | null }> };
    };
    expect(portfolio.data.positions[0]).toMatchObject({ quantity: '0.01' });
    expect(portfolio.data.positions[0]?.markPrice).not.toBeNull();
    const names = seen.map((e) => e.name);
    expect(names).toEqual(
      expect.arrayContaining(['orders.updated', 'orders.fill', 'portfolio.updated', 'orders.reconciled']),
    );
    const csv = (await call('orders.exportCsv', {})) as { ok: true; data: { csv: string; rows: number } };
    expect(csv.data.rows).toBe(1);
    expect(csv.data.csv.split('\r\n')[0]).toMatch(
      /^created_at,client_order_id,exchange_order_id,venue,symbol,side,type,status/,
    );
    expect(await call('orders.recovery')).toEqual({ ok: true, data: [] });
  });

  it('names the field of an invalid order, and cancels a resting one', async () => {
    expect(await call('orders.submit', { symbol: 'BTC/USD', side: 'buy', type: 'limit', quantity: '1' })).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'orders.submit: price: a limit order needs a price' },
    });
    const resting = (await call('orders.submit', {
      symbol: 'ETH/USD',
      side: 'buy',
      type: 'limit',
      quantity: '0.01',
      price: '1000',
    })) as { ok: true; data: { clientOrderId: string } };
    expect(resting).toMatchObject({ ok: true });
    expect(await call('orders.cancel', { clientOrderId: resting.data.clientOrderId })).toMatchObject({
      ok: true,
      data: { status: 'CANCELLED' },
    });
    expect(await call('orders.cancelAll', {})).toEqual({ ok: true, data: { cancelled: [], failed: [] } });
  });

  it('asks for the confirmation that names the exchange before LIVE, then for the API key', async () => {
    expect(await call('trading.setMode', { mode: 'LIVE', exchangeId: 'kraken' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('type exactly "TRADE LIVE ON KRAKEN"') },
    });
    expect(
      await call('trading.setMode', { mode: 'LIVE', exchangeId: 'kraken', confirm: 'TRADE LIVE ON KRAKEN' }),
    ).toEqual({
      ok: false,
      error: {
        code: 'unavailable',
        message:
          'could not switch to LIVE on kraken: live trading on kraken needs its API key and secret: set them in ' +
          'Settings first. Nothing changed: trading stays SIMULATOR',
      },
    });
    expect((await call('trading.status')) as { data: { mode: string } }).toMatchObject({ data: { mode: 'SIMULATOR' } });
  });
});
