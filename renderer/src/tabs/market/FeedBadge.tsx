import { useEffect, useState } from 'react';
import type { FeedStatus, MarketSourceConfig } from '../../../../shared/domain/market';
import { useApi } from '../../client/context';

function sourceLabel(source: MarketSourceConfig): string {
  if (source.kind === 'simulator') return 'Simulator';
  if (source.kind === 'exchange') return source.exchangeId;
  return `Replay ${source.source} ${source.symbol}`;
}

/** Which feed is shown and whether it is live; follows market.status events. */
export function FeedBadge({ source, status }: { source: MarketSourceConfig; status: FeedStatus }) {
  const { transport } = useApi();
  const [live, setLive] = useState<FeedStatus | null>(null);
  useEffect(() => transport.on('market.status', (s) => setLive(s as FeedStatus)), [transport]);
  const current = live ?? status;
  return (
    <div className={`feed feed-${current.state}`} data-testid="feed-status" title={current.message ?? ''}>
      <span className="dot" aria-hidden="true" />
      {sourceLabel(source)}: {current.state}
      {current.message ? ` — ${current.message}` : ''}
    </div>
  );
}
