import { GeneralSettings } from './settings/GeneralSettings';
import { SecretsSettings } from './settings/SecretsSettings';

export function SettingsTab() {
  return (
    <div className="settings">
      <GeneralSettings />
      <SecretsSettings />
    </div>
  );
}
