import type { Handlers } from '../dispatch.js';
import type { CoreServices } from '../services/index.js';
import { advisorHandlers } from './advisor-handlers.js';
import { alertHandlers } from './alert-handlers.js';
import { arenaAdvisorHandlers } from './arena-advisor-handlers.js';
import { driftHandlers } from './drift-handlers.js';
import { aiHandlers } from './ai-handlers.js';
import { auditHandlers } from './audit-handlers.js';
import { gauntletHandlers } from './gauntlet-handlers.js';
import { marketHandlers } from './market-handlers.js';
import { optimizeHandlers } from './optimize-handlers.js';
import { ordersHandlers } from './orders-handlers.js';
import { riskHandlers } from './risk-handlers.js';
import { secretsHandlers } from './secrets-handlers.js';
import { settingsHandlers } from './settings-handlers.js';
import { strategyHandlers } from './strategy-handlers.js';
import { strategyRunHandlers } from './strategy-run-handlers.js';
import { systemHandlers } from './system-handlers.js';

/** One handler map per domain, joined; `satisfies Handlers` makes a missing name a compile error. */
export function createHandlers(s: CoreServices): Handlers {
  return {
    ...systemHandlers({ info: s.info, settings: s.settings, logStore: s.logStore }),
    ...settingsHandlers(s.settings, s.orders, s.audit),
    ...secretsHandlers(s.secrets, s.settings),
    ...auditHandlers({ audit: s.audit, exporter: s.exporter, status: s.status }),
    ...marketHandlers(s.market, s.candles),
    ...ordersHandlers(s.orders),
    ...riskHandlers(s.risk),
    ...strategyHandlers(s.strategies),
    ...strategyRunHandlers(s.runs),
    ...gauntletHandlers(s.gauntlet),
    ...advisorHandlers(s.advisor),
    ...aiHandlers(s.ai),
    ...alertHandlers(s.alerts),
    ...driftHandlers(s.drift, s.arena),
    ...arenaAdvisorHandlers(s.arenaAdvisors),
    ...optimizeHandlers(s.optimize),
  } satisfies Handlers;
}
