import { useState, type ChangeEvent } from 'react';
import type { CsvPreview } from '../../../../../shared/domain/candle-data';
import { useApi } from '../../../client/context';
import { useInvokeMutation } from '../../../client/hooks';
import { isoMinute } from './download';
import { forTrader } from '../messages';

/** Pick a CSV, see how it reads (columns, timeframe, bad rows by line), then import it in one go. */
export function CsvImport() {
  const api = useApi();
  const importCsv = useInvokeMutation('candles.import', ['candles.series']);
  const [text, setText] = useState<string | null>(null);
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [symbol, setSymbol] = useState('BTC/USD');
  const [source, setSource] = useState('csv');
  const [skipBadRows, setSkipBadRows] = useState(false);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    setPreview(null);
    setError(null);
    importCsv.reset();
    if (!file) return;
    try {
      const content = await file.text();
      setText(content);
      setPreview(await api.invoke('candles.preview', { text: content }));
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const result = importCsv.data;
  return (
    <div className="csv-import">
      <label className="field">
        <span>Candle CSV file</span>
        <input
          type="file"
          accept=".csv,.txt,.tsv,text/csv"
          aria-label="Candle CSV file"
          onChange={(e) => void onFile(e)}
        />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {preview && (
        <div className="csv-preview" data-testid="csv-preview">
          {preview.fatal ? (
            <p className="error">{preview.fatal}</p>
          ) : (
            <p>
              {preview.rowCount.toLocaleString('en-US')} rows, {preview.validCount.toLocaleString('en-US')} good,{' '}
              {preview.errorCount} bad; delimiter “{preview.delimiter === '\t' ? 'tab' : preview.delimiter}”; timeframe{' '}
              {preview.timeframe ?? 'unknown'}
              {preview.first !== null &&
                preview.last !== null &&
                `; ${isoMinute(preview.first)} to ${isoMinute(preview.last)} UTC`}
            </p>
          )}
          <p className="muted small">
            Columns:{' '}
            {Object.entries(preview.mapping)
              .map(([field, name]) => `${field} ← ${name ?? 'missing'}`)
              .join(', ')}
          </p>
          {preview.errors.length > 0 && (
            <ul className="row-errors">
              {preview.errors.slice(0, 10).map((e) => (
                <li key={e.line}>
                  line {e.line}: {e.reason}
                </li>
              ))}
            </ul>
          )}
          <div className="inline-form">
            <div className="field">
              <label htmlFor="import-symbol">Symbol</label>
              <input id="import-symbol" value={symbol} onChange={(e) => setSymbol(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="import-source">Store as source</label>
              <input id="import-source" value={source} onChange={(e) => setSource(e.target.value)} />
            </div>
            <label className="radio">
              <input type="checkbox" checked={skipBadRows} onChange={(e) => setSkipBadRows(e.target.checked)} />
              skip bad rows
            </label>
            <button
              type="button"
              disabled={!text || importCsv.isPending || Boolean(preview.fatal)}
              onClick={() =>
                text && importCsv.mutate({ text, symbol: symbol.trim(), source: source.trim(), skipBadRows })
              }
            >
              Import
            </button>
          </div>
        </div>
      )}
      {importCsv.error && (
        <p role="alert" className="error">
          {forTrader(importCsv.error.message)}
        </p>
      )}
      {result && (
        <p role="status" className={result.ok ? 'ok' : 'error'} data-testid="import-result">
          {result.ok
            ? `Imported ${result.imported.toLocaleString('en-US')} ${result.timeframe} candles (${isoMinute(result.first)} to ${isoMinute(result.last)} UTC)${result.skipped ? `, skipped ${result.skipped} bad rows` : ''}.`
            : result.reason}
        </p>
      )}
    </div>
  );
}
