import type { Migration } from '../migration.js';
import { migration001 } from './001-settings.js';

/** The workstation database's schema history, in order. Append only. */
export const MIGRATIONS: readonly Migration[] = [migration001];
