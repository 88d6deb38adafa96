import { GeneralSettings } from './settings/GeneralSettings';
import { RetentionSettings } from './settings/RetentionSettings';
import { SecretsSettings } from './settings/SecretsSettings';

export function SettingsTab() {
  return (
    <div className="settings">
      <GeneralSettings />
      <SecretsSettings />
      <RetentionSettings />
    </div>
  );
}
