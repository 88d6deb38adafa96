import path from 'node:path';
import type { Settings } from '../../../shared/domain/settings.js';
import type { SystemInfo } from '../../../shared/ipc/contract.js';
import { sha256Hex } from '../../adapters/crypto/sha256.js';
import type { Clock } from '../../engine/clock.js';
import type { LogStore } from '../../logging/log-store.js';
import type { AppLogger } from '../../logging/logger.js';
import type { Redactor } from '../../logging/redact.js';
import type { Database } from '../../persistence/database.js';
import { createAuditRepo, type AuditRepo } from '../../persistence/repositories/audit-repo.js';
import type { EventBus } from '../event-bus.js';
import { createAuditService, type AuditService } from './audit-service.js';
import { createExportService, type ExportService, type SaveFilePrompt } from './export/export-service.js';
import { createRetentionService, type RetentionService } from './retention-service.js';
import type { SettingsService } from './settings-service.js';
import { createStatusService, type StatusService } from './status-service.js';

/** The audit trail over workstation.db; built before the settings and secrets services that record into it. */
export function createAudit(deps: {
  db: Database;
  clock: Clock;
  logger: AppLogger;
  redactor: Redactor;
  bus: EventBus;
}): { audit: AuditService; auditRepo: AuditRepo } {
  const auditRepo = createAuditRepo(deps.db);
  const audit = createAuditService({
    repo: auditRepo,
    clock: deps.clock,
    hash: sha256Hex,
    logger: deps.logger,
    redactor: deps.redactor,
    onAppend: (entry) => deps.bus.emit('audit.appended', entry),
  });
  return { audit, auditRepo };
}

export type LogServices = { exporter: ExportService; retention: RetentionService; status: StatusService };

/** Exports, log retention and the system status panel: the rest of the logs issue's services. */
export function createLogServices(deps: {
  dataDir: string;
  databaseFile: string;
  logDatabaseFile: string;
  /** Read when the status is asked for (the core's info is built after these services). */
  info: () => Omit<SystemInfo, 'tradingMode'>;
  clock: Clock;
  logger: AppLogger;
  redactor: Redactor;
  bus: EventBus;
  logStore: LogStore;
  audit: AuditService;
  auditRepo: AuditRepo;
  settings: SettingsService;
  saveFilePrompt?: SaveFilePrompt;
}): LogServices {
  const logDir = path.join(deps.dataDir, 'logs');
  const exporter = createExportService({
    logStore: deps.logStore,
    auditRepo: deps.auditRepo,
    redactor: deps.redactor,
    clock: deps.clock,
    logger: deps.logger,
    audit: deps.audit,
    ...(deps.saveFilePrompt ? { saveFilePrompt: deps.saveFilePrompt } : {}),
  });
  const retention = createRetentionService({
    logStore: deps.logStore,
    logger: deps.logger,
    logDir,
    clock: deps.clock,
    settings: () => deps.settings.get(),
  });
  deps.bus.subscribe((name, payload) => {
    if (name === 'settings.changed') retention.apply(payload as Settings);
  });
  const status = createStatusService({
    info: deps.info,
    databases: [
      { name: 'workstation.db', file: deps.databaseFile },
      { name: 'logs.db', file: deps.logDatabaseFile },
    ],
    logDir,
    logStore: deps.logStore,
    audit: deps.audit,
    retention,
    settings: deps.settings,
    clock: deps.clock,
  });
  return { exporter, retention, status };
}
