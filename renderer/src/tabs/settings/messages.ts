/**
 * Engine messages in the trader's words for the Settings forms: without the call's name
 * ("settings.update: ") and with each setting named as its form names it ("API base URL: a base
 * URL is scheme, host and port only"), never by the setting's code ("exchangeOverrides.kraken.baseUrl").
 */

/** Each setting (its path in the call's input, any exchange id as `*`) as the forms name it. */
const FIELD_LABELS: Record<string, string> = {
  defaultFeeRate: 'Default fee rate',
  defaultExchange: 'Default exchange',
  theme: 'Theme',
  'exchangeOverrides.*.baseUrl': 'API base URL',
  'exchangeOverrides.*.sandbox': 'Testnet',
  'exchangeOverrides.*': 'Exchange connection',
  exchangeOverrides: 'Exchange connection',
  confirmExchangeUrl: 'Confirmation',
};

/** `exchangeOverrides.kraken.baseUrl` → `exchangeOverrides.*.baseUrl`. */
function pattern(path: string): string {
  const parts = path.split('.');
  return parts[0] === 'exchangeOverrides' && parts.length > 1
    ? ['exchangeOverrides', '*', ...parts.slice(2)].join('.')
    : path;
}

/** The call's name the engine puts before a refused input ("settings.update: ", "tradingMode.set: "). */
function withoutCallName(message: string): string {
  const call = /^([a-z][a-zA-Z]*\.[a-z][a-zA-Z]*): /.exec(message);
  return call && !FIELD_LABELS[pattern(call[1]!)] ? message.slice(call[0].length) : message;
}

export function forTrader(message: string): string {
  return withoutCallName(message).replace(
    /(^|; )([a-zA-Z][\w-]*(?:\.[\w-]+)*): /g,
    (whole, sep: string, path: string) => {
      const label = FIELD_LABELS[pattern(path)];
      return label ? `${sep}${label}: ` : whole;
    },
  );
}
