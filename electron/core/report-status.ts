/** What the system status panel shows of the running services. */
import type { CoreServices } from './services/index.js';

export function reportStatus(s: CoreServices): void {
  s.status.provide('feeds', () => ({ state: 'running', feeds: s.market.feedStatus() }));
  s.status.provide('exchange', () => {
    const st = s.market.source().status();
    const connected = st.state === 'live' || st.state === 'stale';
    return {
      state: 'running',
      connections: [{ exchange: st.source, connected, latencyMs: null, lastError: connected ? null : st.message }],
    };
  });
  s.status.provide('recoveryQueue', () => ({ state: 'running', length: s.orders.recoveryQueue().length }));
}
