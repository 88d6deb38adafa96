import type { Handlers } from '../dispatch.js';
import type { CoreServices } from '../services/index.js';
import { secretsHandlers } from './secrets-handlers.js';
import { settingsHandlers } from './settings-handlers.js';
import { systemHandlers } from './system-handlers.js';

/** One handler map per domain, joined; `satisfies Handlers` makes a missing name a compile error. */
export function createHandlers(s: CoreServices): Handlers {
  return {
    ...systemHandlers({ info: s.info, settings: s.settings, logStore: s.logStore }),
    ...settingsHandlers(s.settings),
    ...secretsHandlers(s.secrets, s.settings),
  } satisfies Handlers;
}
