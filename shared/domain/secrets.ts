import { z } from 'zod';

/**
 * Names of the secrets the workstation keeps. Exchange keys are per exchange id;
 * the renderer may set or delete them and learn whether they are set, never read them.
 */
export const SECRET_NAME_PATTERN =
  /^(exchange\.[a-z][a-z0-9]{1,31}\.(apiKey|secret|password)|anthropic\.apiKey|alerts\.(telegram\.botToken|telegram\.chatId|discord\.webhookUrl|webhook\.url))$/;

/** The alert channels' secrets (Telegram bot token and chat id, Discord and webhook URLs). */
export const ALERT_SECRET_NAMES = [
  'alerts.telegram.botToken',
  'alerts.telegram.chatId',
  'alerts.discord.webhookUrl',
  'alerts.webhook.url',
] as const satisfies readonly SecretName[];

export const SecretName = z
  .string()
  .regex(
    SECRET_NAME_PATTERN,
    'a secret name is "anthropic.apiKey", "exchange.<id>.apiKey|secret|password" or an alert channel\'s (alerts.telegram.botToken, alerts.telegram.chatId, alerts.discord.webhookUrl, alerts.webhook.url)',
  );
export type SecretName = z.infer<typeof SecretName>;

export const SecretValue = z
  .string()
  .min(1, 'the secret is empty')
  .max(4096, 'the secret is longer than 4096 characters')
  .refine((v) => v.trim() === v, 'the secret has leading or trailing spaces; paste it without them');

export const SECRET_BACKENDS = ['keychain', 'safeStorage', 'encryptedFile', 'environment'] as const;
export const SecretBackend = z.enum(SECRET_BACKENDS);
export type SecretBackend = z.infer<typeof SecretBackend>;

export const SecretStatus = z.object({
  name: SecretName,
  isSet: z.boolean(),
});
export type SecretStatus = z.infer<typeof SecretStatus>;

export const SecretsOverview = z.object({
  backend: SecretBackend,
  backendDescription: z.string(),
  writable: z.boolean(),
  secrets: z.array(SecretStatus),
});
export type SecretsOverview = z.infer<typeof SecretsOverview>;

export function exchangeSecretNames(exchangeId: string): SecretName[] {
  return [`exchange.${exchangeId}.apiKey`, `exchange.${exchangeId}.secret`];
}
