import type { SecretName } from '../../../shared/domain/secrets.js';
import type { SecretStore } from './secret-store.js';
import { SecretStoreError } from './secret-store.js';

const EXCHANGE_FIELD_SUFFIX = {
  apiKey: 'API_KEY',
  secret: 'SECRET',
  password: 'PASSWORD',
} as const;

/**
 * The environment variable a secret is read from:
 * anthropic.apiKey -> ANTHROPIC_API_KEY; exchange.<id>.apiKey|secret|password ->
 * WORKSTATION_<ID>_API_KEY|SECRET|PASSWORD (ID upper-cased); the alert channels' ->
 * WORKSTATION_TELEGRAM_BOT_TOKEN, _TELEGRAM_CHAT_ID, _DISCORD_WEBHOOK_URL, _ALERT_WEBHOOK_URL.
 */
const ALERT_VARIABLES: Record<string, string> = {
  'alerts.telegram.botToken': 'WORKSTATION_TELEGRAM_BOT_TOKEN',
  'alerts.telegram.chatId': 'WORKSTATION_TELEGRAM_CHAT_ID',
  'alerts.discord.webhookUrl': 'WORKSTATION_DISCORD_WEBHOOK_URL',
  'alerts.webhook.url': 'WORKSTATION_ALERT_WEBHOOK_URL',
};

export function envVarForSecret(name: SecretName): string {
  if (name === 'anthropic.apiKey') return 'ANTHROPIC_API_KEY';
  const alertVariable = ALERT_VARIABLES[name];
  if (alertVariable) return alertVariable;
  const match = /^exchange\.([a-z][a-z0-9]*)\.(apiKey|secret|password)$/.exec(name);
  if (!match) throw new SecretStoreError(`"${name}" is not a known secret name`);
  const id = match[1] as string;
  const field = match[2] as keyof typeof EXCHANGE_FIELD_SUFFIX;
  return `WORKSTATION_${id.toUpperCase()}_${EXCHANGE_FIELD_SUFFIX[field]}`;
}

/** Read-only store over environment variables (headless mode without a keychain or passphrase). */
export function createEnvStore(env: NodeJS.ProcessEnv): SecretStore {
  const readOnly = (name: SecretName): SecretStoreError => {
    let variable = 'the variable';
    try {
      variable = envVarForSecret(name);
    } catch {
      // Unknown name: the generic hint below still applies.
    }
    return new SecretStoreError(
      `Cannot change ${name}: secrets come from environment variables, which are read-only ` +
        `(set ${variable} before starting instead). To store secrets, set WORKSTATION_SECRETS_PASSPHRASE ` +
        'to use an encrypted secrets file, or use the desktop app / OS keychain.',
    );
  };

  return {
    backend: 'environment',
    description: 'Environment variables (read-only)',
    writable: false,
    get(name: SecretName): Promise<string | null> {
      try {
        const value = env[envVarForSecret(name)];
        return Promise.resolve(value === undefined || value === '' ? null : value);
      } catch (err) {
        return Promise.reject(err instanceof Error ? err : new SecretStoreError(String(err)));
      }
    },
    set(name: SecretName): Promise<void> {
      return Promise.reject(readOnly(name));
    },
    delete(name: SecretName): Promise<boolean> {
      return Promise.reject(readOnly(name));
    },
  };
}
