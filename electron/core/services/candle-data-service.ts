import type { CandleImportResult, CsvPreview } from '../../../shared/domain/candle-data.js';
import type { Timeframe } from '../../../shared/domain/market.js';
import { formatCandleCsv, parseCandleCsv, planCandleImport, previewCandleCsv } from '../../engine/market/csv.js';
import type { Logger } from '../../logging/types.js';
import type { CandleRepo, CandleSeriesInfo } from '../../persistence/repositories/candle-repo.js';

export type CandleDataService = {
  preview(text: string): CsvPreview;
  import(request: {
    text: string;
    source: string;
    symbol: string;
    timeframe?: Timeframe;
    skipBadRows: boolean;
  }): CandleImportResult;
  exportCsv(ref: { source: string; symbol: string; timeframe: Timeframe; from?: number; to?: number }): {
    csv: string;
    rows: number;
  };
  series(): CandleSeriesInfo[];
};

const MAX_LISTED_ERRORS = 50;

/** CSV import (previewed, all or nothing unless told to skip bad rows), export and the list of stored series. */
export function createCandleDataService(deps: { repo: CandleRepo; logger: Logger }): CandleDataService {
  const { repo, logger } = deps;
  return {
    preview(text) {
      const p = previewCandleCsv(text, { rows: 20, maxErrors: MAX_LISTED_ERRORS });
      return {
        delimiter: p.delimiter,
        header: p.header,
        mapping: p.mapping,
        missing: p.missing,
        rows: p.rows.map((r) => ({ line: r.line, fields: r.fields, error: r.error })),
        rowCount: p.rowCount,
        validCount: p.validCount,
        errorCount: p.errorCount,
        errors: p.errors,
        first: p.first,
        last: p.last,
        timeframe: p.timeframe?.timeframe ?? null,
        fatal: p.fatal,
      };
    },
    import({ text, source, symbol, timeframe, skipBadRows }) {
      const csv = parseCandleCsv(text, { maxErrors: MAX_LISTED_ERRORS });
      const plan = planCandleImport(csv, { ...(timeframe ? { timeframe } : {}), skipBadRows });
      if (!plan.ok) return { ok: false, reason: plan.reason, errors: plan.errors };
      // One transaction: nothing is half-imported.
      repo.upsert(source, symbol, plan.timeframe, plan.candles);
      const first = plan.candles[0]!.time;
      const last = plan.candles.at(-1)!.time;
      logger.info('engine', `imported ${plan.candles.length} ${plan.timeframe} candles for ${symbol} as "${source}"`, {
        symbol,
        source,
        skipped: plan.skipped,
        first,
        last,
      });
      return { ok: true, imported: plan.candles.length, skipped: plan.skipped, timeframe: plan.timeframe, first, last };
    },
    exportCsv({ source, symbol, timeframe, from = 0, to = Number.MAX_SAFE_INTEGER }) {
      const candles = repo.range(source, symbol, timeframe, from, to);
      return { csv: formatCandleCsv(candles), rows: candles.length };
    },
    series: () => repo.series(),
  };
}
