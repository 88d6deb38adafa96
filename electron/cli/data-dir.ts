import path from 'node:path';
import { DATABASE_FILE, LOG_DATABASE_FILE } from '../core/create-core.js';
import { defaultDataDir } from '../core/config.js';
import { MIGRATIONS } from '../persistence/migrations/index.js';
import { openDatabaseReadOnly } from '../persistence/read-only.js';
import type { Database } from '../persistence/database.js';
import { openLogStoreReadOnly, type LogStore } from '../logging/log-store.js';
import { single, type ParsedArgs } from './args.js';

/** The schema version that added the audit trail (electron/persistence/migrations/002-audit.ts). */
const AUDIT_SCHEMA_VERSION = 2;

/** --data-dir, else WORKSTATION_DATA_DIR, else the app's own data folder (as `npm start` uses). */
export function resolveDataDir(args: ParsedArgs, env: NodeJS.ProcessEnv): string {
  return path.resolve(single(args, '--data-dir') ?? (env.WORKSTATION_DATA_DIR || defaultDataDir(env)));
}

/** workstation.db, read-only (safe while the app runs). */
export function openWorkstationDbReadOnly(dataDir: string): Database {
  return openDatabaseReadOnly(path.join(dataDir, DATABASE_FILE), AUDIT_SCHEMA_VERSION, MIGRATIONS.length);
}

/** logs.db, read-only. */
export function openLogsReadOnly(dataDir: string): LogStore {
  return openLogStoreReadOnly(path.join(dataDir, LOG_DATABASE_FILE));
}
