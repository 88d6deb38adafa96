import { CsvImport } from './data/CsvImport';
import { SourcePicker } from './data/SourcePicker';
import { StoredSeries } from './data/StoredSeries';

export function MarketDataSettings() {
  return (
    <section className="card wide" aria-labelledby="market-data-title">
      <h2 id="market-data-title">Market data</h2>
      <SourcePicker />
      <h3>Import candles from CSV</h3>
      <CsvImport />
      <h3>Stored candles</h3>
      <StoredSeries />
    </section>
  );
}
