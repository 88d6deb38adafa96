import { GeneralSettings } from './settings/GeneralSettings';
import { MarketDataSettings } from './settings/MarketDataSettings';
import { RetentionSettings } from './settings/RetentionSettings';
import { SecretsSettings } from './settings/SecretsSettings';

export function SettingsTab() {
  return (
    <div className="settings">
      <GeneralSettings />
      <SecretsSettings />
      <RetentionSettings />
      <MarketDataSettings />
    </div>
  );
}
