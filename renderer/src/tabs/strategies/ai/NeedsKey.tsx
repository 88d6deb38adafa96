/** What a panel needs before it can use Claude: an Anthropic API key, set in Settings > API keys. */
import { openSecretsSettings } from './open-settings';

export function NeedsKey({ feature }: { feature: string }) {
  return (
    <div className="ai-needs-key" role="note" data-testid="ai-needs-key">
      <p>
        {feature} needs an Anthropic API key (Claude). Add one under <strong>Settings › API keys</strong>; it is kept in
        the secret store and never shown again.
      </p>
      <button type="button" onClick={openSecretsSettings}>
        Open Settings › API keys
      </button>
    </div>
  );
}
