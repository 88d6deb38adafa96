import { useState } from 'react';
import { TIMEFRAMES, type MarketSourceConfig, type Timeframe } from '../../../../../shared/domain/market';
import { useInvokeMutation, useInvokeQuery } from '../../../client/hooks';
import { forTrader } from '../messages';

type Kind = MarketSourceConfig['kind'];

/** Where the Market tab's data comes from: the simulator, an exchange through ccxt, or a replay. */
export function SourcePicker() {
  const overview = useInvokeQuery('market.overview', {});
  const settings = useInvokeQuery('settings.get', {});
  const series = useInvokeQuery('candles.series', {});
  const setSource = useInvokeMutation('market.setSource', ['market.overview', 'market.candles', 'settings.get']);
  const current = overview.data?.source;
  const [kind, setKind] = useState<Kind | null>(null);
  const [exchangeId, setExchangeId] = useState('');
  const [replayKey, setReplayKey] = useState('');
  const [speed, setSpeed] = useState('10');
  const shownKind = kind ?? current?.kind ?? 'simulator';

  const apply = () => {
    if (shownKind === 'simulator') return setSource.mutate({ source: { kind: 'simulator' } });
    if (shownKind === 'exchange') {
      return setSource.mutate({
        source: { kind: 'exchange', exchangeId: (exchangeId || settings.data?.defaultExchange || 'kraken').trim() },
      });
    }
    const chosen = series.data?.find((s) => `${s.source}|${s.symbol}|${s.timeframe}` === replayKey) ?? series.data?.[0];
    if (!chosen) return;
    setSource.mutate({
      source: {
        kind: 'replay',
        source: chosen.source,
        symbol: chosen.symbol,
        timeframe: chosen.timeframe as Timeframe,
        from: chosen.first,
        speed: Number(speed),
      },
    });
  };

  return (
    <div className="source-picker" role="group" aria-label="Market data source">
      <p className="muted">
        Now: <strong data-testid="current-source">{current ? describe(current) : '…'}</strong>
        {overview.data ? ` (${overview.data.status.state})` : ''}
      </p>
      {(['simulator', 'exchange', 'replay'] as const).map((k) => (
        <label key={k} className="radio">
          <input type="radio" name="source-kind" checked={shownKind === k} onChange={() => setKind(k)} />
          {k === 'simulator'
            ? 'Simulator (offline)'
            : k === 'exchange'
              ? 'Exchange data (ccxt, public)'
              : 'Replay stored candles'}
        </label>
      ))}
      {shownKind === 'exchange' && (
        <div className="field">
          <label htmlFor="source-exchange">ccxt exchange id</label>
          <input
            id="source-exchange"
            placeholder={settings.data?.defaultExchange ?? 'kraken'}
            value={exchangeId}
            onChange={(e) => setExchangeId(e.target.value)}
          />
        </div>
      )}
      {shownKind === 'replay' && (
        <div className="inline-form">
          <div className="field">
            <label htmlFor="replay-series">Stored series</label>
            <select id="replay-series" value={replayKey} onChange={(e) => setReplayKey(e.target.value)}>
              {series.data?.map((s) => (
                <option key={`${s.source}|${s.symbol}|${s.timeframe}`} value={`${s.source}|${s.symbol}|${s.timeframe}`}>
                  {s.source} {s.symbol} {s.timeframe} ({s.count.toLocaleString('en-US')})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="replay-speed">Candles per second</label>
            <input id="replay-speed" inputMode="decimal" value={speed} onChange={(e) => setSpeed(e.target.value)} />
          </div>
        </div>
      )}
      <button type="button" onClick={apply} disabled={setSource.isPending}>
        {setSource.isPending ? 'Switching…' : 'Use this source'}
      </button>
      {setSource.error && (
        <p role="alert" className="error">
          {forTrader(setSource.error.message)}
        </p>
      )}
      <p className="muted small">Timeframes offered everywhere: {TIMEFRAMES.join(', ')}.</p>
    </div>
  );
}

function describe(source: MarketSourceConfig): string {
  if (source.kind === 'simulator') return 'the built-in simulator';
  if (source.kind === 'exchange') return `${source.exchangeId} (public market data)`;
  return `replay of ${source.source} ${source.symbol} ${source.timeframe} at ${source.speed} candles/s`;
}
