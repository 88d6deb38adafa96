import type { SystemInfo } from '../../../shared/ipc/contract.js';
import type { LogStore } from '../../logging/log-store.js';
import type { SecretsService } from './secrets-service.js';
import type { SettingsService } from './settings-service.js';

/** Everything the handlers may use. */
export type CoreServices = {
  info: Omit<SystemInfo, 'tradingMode'>;
  settings: SettingsService;
  secrets: SecretsService;
  logStore: LogStore;
};
