import { z } from 'zod';
import { LogEntry, LogQuery } from '../domain/logs.js';
import { SecretName, SecretsOverview, SecretStatus, SecretValue } from '../domain/secrets.js';
import { SettingsPatchSchema, SettingsSchema, TradingMode } from '../domain/settings.js';

/**
 * The one place where the names of calls and events exist.
 * `invoke`: request/response calls from the UI to the engine.
 * `events`: pushes from the engine to every connected UI.
 */
const Empty = z.object({}).strict();

export const SystemInfo = z.object({
  appVersion: z.string(),
  runtime: z.enum(['desktop', 'headless']),
  platform: z.string(),
  dataDir: z.string(),
  databaseFile: z.string(),
  tradingMode: TradingMode,
  startedAt: z.number().int(),
});
export type SystemInfo = z.infer<typeof SystemInfo>;

export const contract = {
  invoke: {
    'system.info': { input: Empty, output: SystemInfo },
    'settings.get': { input: Empty, output: SettingsSchema },
    'settings.update': { input: SettingsPatchSchema, output: SettingsSchema },
    'secrets.overview': { input: Empty, output: SecretsOverview },
    'secrets.set': {
      input: z.object({ name: SecretName, value: SecretValue }).strict(),
      output: SecretStatus,
    },
    'secrets.delete': { input: z.object({ name: SecretName }).strict(), output: SecretStatus },
    'logs.query': { input: LogQuery, output: z.array(LogEntry) },
    // --- audit and export (logs issue) ---
    // --- market data (market issue) ---
  },
  events: {
    'settings.changed': SettingsSchema,
    'secrets.changed': SecretStatus,
    'logs.appended': LogEntry,
    // --- audit and export events (logs issue) ---
    // --- market data events (market issue) ---
  },
} as const;

export type Contract = typeof contract;
export type InvokeName = keyof Contract['invoke'];
export type EventName = keyof Contract['events'];
export type InvokeInput<K extends InvokeName> = z.input<Contract['invoke'][K]['input']>;
export type InvokeParsedInput<K extends InvokeName> = z.output<Contract['invoke'][K]['input']>;
export type InvokeOutput<K extends InvokeName> = z.output<Contract['invoke'][K]['output']>;
export type EventPayload<K extends EventName> = z.output<Contract['events'][K]>;

export const INVOKE_NAMES = Object.keys(contract.invoke) as InvokeName[];
export const EVENT_NAMES = Object.keys(contract.events) as EventName[];

export function isInvokeName(name: unknown): name is InvokeName {
  return typeof name === 'string' && Object.hasOwn(contract.invoke, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(contract.events, name);
}
