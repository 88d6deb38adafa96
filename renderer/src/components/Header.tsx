import { useConnectionState, useApi } from '../client/context';
import { useInvokeQuery } from '../client/hooks';
import { AlertsButton } from '../alerts/AlertsButton';
import { KillSwitchControl } from './KillSwitchControl';
import { clockTime, useLinkDownSince } from './stale';

const CONNECTION_LABEL = { connecting: 'Connecting…', connected: 'Connected', disconnected: 'Disconnected' } as const;

/** Always visible: the trading mode, the link to the engine, and the kill switch. */
export function Header() {
  const { transport } = useApi();
  const connection = useConnectionState();
  const info = useInvokeQuery('system.info', {});
  const mode = info.data?.tradingMode;
  const down = useLinkDownSince();
  return (
    <header className="header">
      <div className="brand">Trading Workstation</div>
      <div
        className={`mode-badge mode-${(mode ?? 'unknown').toLowerCase()}`}
        data-testid="trading-mode"
        title="Trading mode"
      >
        {mode ?? '…'}
      </div>
      <div className={`connection connection-${connection}`} data-testid="connection-state">
        <span className="dot" aria-hidden="true" />
        {transport.kind === 'desktop' ? 'Engine: in app' : `Engine: ${CONNECTION_LABEL[connection]}`}
        {down !== null && ` since ${clockTime(down)}: every figure shown is stale`}
      </div>
      <div className="header-spacer" />
      <AlertsButton />
      <KillSwitchControl />
    </header>
  );
}
