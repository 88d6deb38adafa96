import type { Migration } from '../migration.js';
import { migration001 } from './001-settings.js';
import { migration002 } from './002-audit.js';
import { migration003 } from './003-candles.js';
import { migration004 } from './004-orders.js';
import { migration005 } from './005-risk.js';
import { migration006 } from './006-strategies.js';

/** The workstation database's schema history, in order. Append only. */
export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
];
