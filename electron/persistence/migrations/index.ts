import type { Migration } from '../migration.js';
import { migration001 } from './001-settings.js';
import { migration002 } from './002-audit.js';
import { migration003 } from './003-candles.js';
import { migration004 } from './004-orders.js';
import { migration005 } from './005-risk.js';
import { migration006 } from './006-strategies.js';
import { migration007 } from './007-strategy-runs.js';
import { migration008 } from './008-gauntlets.js';
import { migration009 } from './009-ai-generations.js';
import { migration010 } from './010-advisor.js';
import { migration011 } from './011-alerts.js';
import { migration012 } from './012-candle-blocks.js';
import { migration013 } from './013-sweeps.js';
import { migration014 } from './014-run-accounts.js';
import { migration015 } from './015-arena-advisors.js';

/** The workstation database's schema history, in order. Append only. */
export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
  migration014,
  migration015,
];
