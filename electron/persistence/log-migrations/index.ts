import type { Migration } from '../migration.js';
import { logMigration001 } from './001-logs.js';

/**
 * The log database's schema history, in order. Append only. Logs live in their own file
 * (logs.db) so that log volume never slows the order journal in workstation.db.
 */
export const LOG_MIGRATIONS: readonly Migration[] = [logMigration001];
