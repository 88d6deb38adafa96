import fs from 'node:fs';
import type { SystemInfo } from '../../../shared/ipc/contract.js';
import type { StatusComponent, SystemStatus } from '../../../shared/domain/system-status.js';
import type { Clock } from '../../engine/clock.js';
import type { LogStore } from '../../logging/log-store.js';
import { logFilesSize } from '../../logging/retention.js';
import type { AuditService } from './audit-service.js';
import type { RetentionService } from './retention-service.js';
import type { SettingsService } from './settings-service.js';

type ComponentName = 'exchange' | 'circuitBreakers' | 'recoveryQueue' | 'feeds';

/** What the running services report of their own state. A part nobody reports reads "not running", saying why. */
export type StatusProviders = { [K in ComponentName]?: () => StatusComponent<K> };

export type StatusService = {
  status(): SystemStatus;
  /** Registers (or replaces) the reporter of one part, e.g. the market service's feeds. */
  provide<K extends ComponentName>(name: K, provider: () => StatusComponent<K>): void;
};

const NOT_BUILT: Record<ComponentName, string> = {
  exchange: 'no exchange connection has reported yet',
  circuitBreakers:
    'not reported here: the exchange circuit breaker (PAPER and LIVE) shows on the Risk tab under Breakers',
  recoveryQueue: 'the order recovery queue has not reported yet',
  feeds: 'no market data feed has reported yet',
};

/** File plus -wal and -shm, bytes (0 for what does not exist). */
export function databaseBytes(file: string): number {
  let total = 0;
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      total += fs.statSync(f).size;
    } catch {
      // not there (no WAL yet, or a checkpointed and removed one)
    }
  }
  return total;
}

export function createStatusService(deps: {
  info: () => Omit<SystemInfo, 'tradingMode'>;
  databases: Array<{ name: string; file: string }>;
  logDir: string;
  logStore: LogStore;
  audit: AuditService;
  retention: RetentionService;
  settings: SettingsService;
  clock: Clock;
}): StatusService {
  const providers: StatusProviders = {};

  function part<K extends ComponentName>(name: K): StatusComponent<K> {
    const provider = providers[name] as (() => StatusComponent<K>) | undefined;
    if (provider === undefined) return { state: 'not_running', reason: NOT_BUILT[name] } as StatusComponent<K>;
    try {
      return provider();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { state: 'not_running', reason: `its status could not be read: ${message}` } as StatusComponent<K>;
    }
  }

  return {
    status() {
      const last = deps.retention.lastPrune();
      const info = deps.info();
      return {
        appVersion: info.appVersion,
        runtime: info.runtime,
        time: deps.clock.now(),
        startedAt: info.startedAt,
        databases: deps.databases.map((d) => ({ ...d, bytes: databaseBytes(d.file) })),
        logFilesBytes: logFilesSize(deps.logDir),
        logStore: { entries: deps.logStore.count(), oldestTime: deps.logStore.oldestTime() },
        audit: { entries: deps.audit.count(), lastTime: deps.audit.lastTime() },
        retention: {
          logRetentionDays: deps.settings.get().logRetentionDays,
          lastPrunedAt: last.at,
          lastPrunedEntries: last.entries,
        },
        exchange: part('exchange'),
        circuitBreakers: part('circuitBreakers'),
        recoveryQueue: part('recoveryQueue'),
        feeds: part('feeds'),
      };
    },
    provide(name, provider) {
      (providers as Record<ComponentName, unknown>)[name] = provider;
    },
  };
}
