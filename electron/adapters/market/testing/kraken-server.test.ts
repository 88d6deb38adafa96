import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../engine/clock.js';
import { KRAKEN_OHLC_LIMIT } from './kraken-public.js';
import { MINUTE, minuteSeries } from './kraken-fixture.js';
import { startKrakenServer, type KrakenServer } from './kraken-server.js';

const FORMING = Date.UTC(2024, 0, 1, 12, 0);

describe('Kraken test server', () => {
  let server: KrakenServer;
  const get = async (path: string) => {
    const res = await fetch(`${server.url}${path}`);
    return { status: res.status, body: (await res.json()) as { error: string[]; result?: Record<string, unknown> } };
  };
  beforeEach(async () => {
    server = await startKrakenServer({ clock: createManualClock(FORMING + 30_000) });
    server.market.setCandles('BTC/USD', '1m', minuteSeries(FORMING + 5 * MINUTE, 1000));
  });
  afterEach(() => server.close());

  it('serves only the latest 720 started candles, after `since`, with `last` = the last closed one', async () => {
    const all = await get('/0/public/OHLC?pair=XXBTZUSD&interval=1');
    const rows = all.body.result!.XXBTZUSD as unknown[][];
    expect(rows).toHaveLength(KRAKEN_OHLC_LIMIT);
    expect(rows[rows.length - 1]![0]).toBe(FORMING / 1000); // the forming candle; future ones are not served
    expect(all.body.result!.last).toBe((FORMING - MINUTE) / 1000);
    const since = await get(`/0/public/OHLC?pair=XBTUSD&interval=1&since=${(FORMING - 3 * MINUTE) / 1000}`);
    expect((since.body.result!.XXBTZUSD as unknown[][]).map((r) => r[0])).toEqual(
      [-2, -1, 0].map((i) => (FORMING + i * MINUTE) / 1000),
    );
  });

  it("answers an unknown pair with Kraken's error, and logs every request", async () => {
    expect((await get('/0/public/Ticker?pair=FOOUSD')).body).toEqual({ error: ['EQuery:Unknown asset pair'] });
    expect(server.requests.map((r) => [r.endpoint, r.params.pair])).toEqual([['Ticker', 'FOOUSD']]);
  });

  it('injects faults a given number of times', async () => {
    server.fault('Time', { kind: 'http', status: 503 }, { times: 1 });
    expect((await fetch(`${server.url}/0/public/Time`)).status).toBe(503);
    expect((await get('/0/public/Time')).body.result).toMatchObject({ unixtime: (FORMING + 30_000) / 1000 });
    expect(server.requests.map((r) => r.fault)).toEqual(['http', null]);
  });

  it('takes more routes, e.g. private endpoints with a form body', async () => {
    server.route('POST', '/0/private/Balance', (req) => ({ result: { ZUSD: '100.0', nonce: req.params.nonce } }));
    const res = await fetch(`${server.url}/0/private/Balance`, { method: 'POST', body: 'nonce=42' });
    expect(await res.json()).toEqual({ error: [], result: { ZUSD: '100.0', nonce: '42' } });
  });
});
