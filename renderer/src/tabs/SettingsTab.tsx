import { AiSettings } from './settings/AiSettings';
import { ExchangeConnectionSettings } from './settings/ExchangeConnectionSettings';
import { GeneralSettings } from './settings/GeneralSettings';
import { MarketDataSettings } from './settings/MarketDataSettings';
import { RetentionSettings } from './settings/RetentionSettings';
import { SecretsSettings } from './settings/SecretsSettings';
import { SweepSettings } from './settings/SweepSettings';
import { TradingModeSettings } from './settings/TradingModeSettings';

export function SettingsTab() {
  return (
    <div className="settings">
      <GeneralSettings />
      <SecretsSettings />
      <TradingModeSettings />
      <AiSettings />
      <SweepSettings />
      <ExchangeConnectionSettings />
      <RetentionSettings />
      <MarketDataSettings />
    </div>
  );
}
