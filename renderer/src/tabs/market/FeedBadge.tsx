import { useEffect, useState } from 'react';
import type { FeedStatus, MarketSourceConfig } from '../../../../shared/domain/market';
import { useApi } from '../../client/context';
import { StaleMark, useLastUpdate, useLinkDownSince } from '../../components/stale';

function sourceLabel(source: MarketSourceConfig): string {
  if (source.kind === 'simulator') return 'Simulator';
  if (source.kind === 'exchange') return source.exchangeId;
  return `Replay ${source.source} ${source.symbol}`;
}

/**
 * Which feed is shown and whether it is live; follows market.status events. While the link to the
 * engine is down nothing arrives: the badge says "stale" with the time of its last update.
 */
export function FeedBadge({ source, status }: { source: MarketSourceConfig; status: FeedStatus }) {
  const { transport } = useApi();
  const [live, setLive] = useState<FeedStatus | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => transport.on('market.status', (s) => setLive(s as FeedStatus)), [transport]);
  useEffect(() => transport.on('market.ticker', () => setTick((n) => n + 1)), [transport]);
  const current = live ?? status;
  const down = useLinkDownSince();
  const lastUpdate = useLastUpdate(`${tick}|${current.state}`);
  const state = down === null ? current.state : 'stale';
  return (
    <div className={`feed feed-${state}`} data-testid="feed-status" title={current.message ?? ''}>
      <span className="dot" aria-hidden="true" />
      {sourceLabel(source)}: {state}
      {down === null && current.message ? ` — ${current.message}` : ''}
      {down !== null && ' (engine unreachable) '}
      <StaleMark lastUpdate={lastUpdate} what="market feed" />
    </div>
  );
}
