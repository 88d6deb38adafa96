import path from 'node:path';
import fs from 'node:fs';
import type { SecretStore } from '../adapters/secrets/secret-store.js';
import { systemClock } from '../adapters/clock/system-clock.js';
import type { Clock } from '../engine/clock.js';
import { openLogStore } from '../logging/log-store.js';
import { createLogger } from '../logging/logger.js';
import type { Logger } from '../logging/types.js';
import { openDatabase, type Database } from '../persistence/database.js';
import { MIGRATIONS } from '../persistence/migrations/index.js';
import { createSettingsRepo } from '../persistence/repositories/settings-repo.js';
import { createDispatch, type Dispatch } from './dispatch.js';
import { createEventBus, type EventBus } from './event-bus.js';
import { createHandlers } from './handlers/index.js';
import { createSecretsService } from './services/secrets-service.js';
import { createSettingsService } from './services/settings-service.js';
import type { CoreServices } from './services/index.js';

export type CoreConfig = {
  dataDir: string;
  runtime: 'desktop' | 'headless';
  appVersion: string;
  secretStore: SecretStore;
  clock?: Clock;
};

export type Core = {
  dispatch: Dispatch;
  events: EventBus;
  logger: Logger;
  services: CoreServices;
  /** Closes the database and flushes the logs; safe to call more than once. */
  shutdown(): Promise<void>;
};

export const DATABASE_FILE = 'workstation.db';
export const LOG_DATABASE_FILE = 'logs.db';

/** The composition root shared by the Electron entry and the headless entry. */
export async function createCore(config: CoreConfig): Promise<Core> {
  const clock = config.clock ?? systemClock;
  const dataDir = path.resolve(config.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });

  const logStore = openLogStore(path.join(dataDir, LOG_DATABASE_FILE));
  // The bus reports listener failures to the logger, and the logger announces entries on the bus.
  const bus: EventBus = createEventBus((error) => logger.error('system', 'an event listener failed', { error }));
  const logger = createLogger({
    logDir: path.join(dataDir, 'logs'),
    clock,
    store: logStore,
    onEntry: (entry) => bus.emit('logs.appended', entry),
  });

  let db: Database;
  try {
    db = openDatabase({ file: path.join(dataDir, DATABASE_FILE), migrations: MIGRATIONS, synchronous: 'FULL' });
  } catch (error) {
    logger.error('system', 'the database could not be opened', { error });
    await logger.close();
    logStore.close();
    throw error;
  }

  const settings = createSettingsService({
    repo: createSettingsRepo(db),
    clock,
    logger,
    onChange: (s) => bus.emit('settings.changed', s),
  });
  const secrets = createSecretsService({
    store: config.secretStore,
    logger,
    onChange: (status) => bus.emit('secrets.changed', status),
  });
  const services: CoreServices = {
    info: {
      appVersion: config.appVersion,
      runtime: config.runtime,
      platform: `${process.platform}-${process.arch}`,
      dataDir,
      databaseFile: path.join(dataDir, DATABASE_FILE),
      startedAt: clock.now(),
    },
    settings,
    secrets,
    logStore,
  };
  const dispatch = createDispatch(createHandlers(services), logger);
  logger.info('system', `workstation core started (${config.runtime})`, {
    dataDir,
    secretBackend: config.secretStore.backend,
    version: config.appVersion,
  });

  let closed: Promise<void> | undefined;
  return {
    dispatch,
    events: bus,
    logger,
    services,
    shutdown() {
      closed ??= (async () => {
        logger.info('system', 'workstation core shutting down');
        db.close();
        await logger.close();
        logStore.close();
      })();
      return closed;
    },
  };
}
