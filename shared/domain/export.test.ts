import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  exportFileName,
  exportRequestFromParams,
  exportRequestToParams,
  parseTimeParam,
  type ExportRequest,
} from './export.js';

/** "path: message" of the first issue of the ZodError `fn` throws. */
function issue(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof z.ZodError) return `${error.issues[0]?.path.join('.')}: ${error.issues[0]?.message}`;
    throw error;
  }
  throw new Error('did not throw');
}

describe('export requests as download parameters', () => {
  it('round-trips a logs request and an audit request through the URL', () => {
    const logs: ExportRequest = {
      kind: 'logs',
      format: 'csv',
      filter: {
        levels: ['error', 'warn'],
        categories: ['orders'],
        symbol: 'BTC/USD',
        text: 'a, b & c',
        from: 1000,
        to: 2000,
      },
    };
    const params = exportRequestToParams(logs);
    expect(params.toString()).toBe(
      'kind=logs&format=csv&level=error%2Cwarn&category=orders&symbol=BTC%2FUSD&text=a%2C+b+%26+c&from=1000&to=2000',
    );
    expect(exportRequestFromParams(new URLSearchParams(params.toString()))).toEqual(logs);
    const audit: ExportRequest = {
      kind: 'audit',
      format: 'jsonl',
      filter: { kinds: ['risk.veto', 'order.submitted'] },
    };
    expect(exportRequestFromParams(exportRequestToParams(audit))).toEqual(audit);
    expect(exportRequestFromParams(new URLSearchParams(''))).toEqual({ kind: 'logs', format: 'csv', filter: {} });
  });

  it('refuses unknown values, naming the parameter', () => {
    expect(issue(() => exportRequestFromParams(new URLSearchParams('format=xml')))).toMatch(/^format: /);
    expect(issue(() => exportRequestFromParams(new URLSearchParams('kind=trades')))).toMatch(/^kind: /);
    expect(issue(() => exportRequestFromParams(new URLSearchParams('category=engine,casino')))).toBe(
      'category: "casino" is not one of engine, orders, risk, strategy, exchange, ai, system',
    );
    expect(issue(() => exportRequestFromParams(new URLSearchParams('kind=audit&auditKind=coffee')))).toMatch(
      /^auditKind: "coffee"/,
    );
  });

  it('reads times as UTC milliseconds or ISO 8601, a time without a zone as UTC', () => {
    expect(parseTimeParam('1700000000000', 'from')).toBe(1_700_000_000_000);
    expect(parseTimeParam('2025-01-31', 'from')).toBe(Date.UTC(2025, 0, 31));
    expect(parseTimeParam('2025-01-31T14:00', 'from')).toBe(Date.UTC(2025, 0, 31, 14));
    expect(parseTimeParam('2025-01-31T14:00:00+02:00', 'from')).toBe(Date.UTC(2025, 0, 31, 12));
    expect(issue(() => parseTimeParam('soon', 'to'))).toMatch(/^to: "soon" is not a time/);
    expect(issue(() => parseTimeParam('31/01/2025', 'to'))).toMatch(/is not a time/);
    expect(issue(() => parseTimeParam('2025-02-30T25:00', 'to'))).toMatch(/is not a time/);
  });

  it('names files after what they hold and when', () => {
    expect(exportFileName({ kind: 'logs', format: 'jsonl' }, Date.UTC(2025, 0, 2, 3, 4, 5, 678))).toBe(
      'workstation-logs-20250102T030405Z.jsonl',
    );
    expect(exportFileName({ kind: 'audit', format: 'csv' }, 0)).toBe('workstation-audit-trail-19700101T000000Z.csv');
  });
});
