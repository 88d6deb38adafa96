import { useApi } from '../../../client/context';
import { useInvokeQuery } from '../../../client/hooks';
import { downloadText, isoMinute } from './download';
import { forTrader } from '../messages';

/** Every stored candle series (simulator, exchange cache, imports), each exportable as CSV. */
export function StoredSeries() {
  const api = useApi();
  const series = useInvokeQuery('candles.series', {}, { staleTime: 30_000 });
  const exportCsv = async (source: string, symbol: string, timeframe: string) => {
    const { csv } = await api.invoke('candles.exportCsv', { source, symbol, timeframe: timeframe as '1m' });
    downloadText(`${source}-${symbol.replace('/', '')}-${timeframe}.csv`, csv);
  };
  if (series.error) return <p className="error">{forTrader(series.error.message)}</p>;
  return (
    <table className="series-table">
      <thead>
        <tr>
          <th>Source</th>
          <th>Symbol</th>
          <th>TF</th>
          <th>Candles</th>
          <th>From (UTC)</th>
          <th>To (UTC)</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {series.data?.map((s) => (
          <tr key={`${s.source}|${s.symbol}|${s.timeframe}`}>
            <td>{s.source}</td>
            <td>{s.symbol}</td>
            <td>{s.timeframe}</td>
            <td className="num">{s.count.toLocaleString('en-US')}</td>
            <td>{isoMinute(s.first)}</td>
            <td>{isoMinute(s.last)}</td>
            <td>
              <button type="button" onClick={() => void exportCsv(s.source, s.symbol, s.timeframe)}>
                Export CSV
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
