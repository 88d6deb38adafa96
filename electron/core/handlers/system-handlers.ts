import type { SystemInfo } from '../../../shared/ipc/contract.js';
import type { LogStore } from '../../logging/log-store.js';
import type { SettingsService } from '../services/settings-service.js';
import type { Handlers } from '../dispatch.js';

export function systemHandlers(deps: {
  info: Omit<SystemInfo, 'tradingMode'>;
  settings: SettingsService;
  logStore: LogStore;
}) {
  return {
    'system.info': () => ({ ...deps.info, tradingMode: deps.settings.get().tradingMode }),
    'logs.query': (query) => deps.logStore.query(query),
  } satisfies Pick<Handlers, 'system.info' | 'logs.query'>;
}
