/**
 * Part of the composition root (create-core.ts): the AI advisors (the Settings advisor on the whole
 * account, the arena's each on its own sub-account) and the arena's leaderboard over runs and
 * advisors, from the core's parts.
 */
import type { AiClientConfig } from '../adapters/ai/client.js';
import { AI_MODELS_FILE, loadModelList } from '../adapters/ai/models.js';
import { createRunAccountRepo } from '../persistence/repositories/run-account-repo.js';
import { createStrategyRunRepo } from '../persistence/repositories/strategy-run-repo.js';
import { APP_ROOT } from './app-paths.js';
import type { CoreConfig } from './core-config.js';
import { createAdvisors, type AdvisorParts } from './services/ai/advisor/create-advisor.js';
import { createArena } from './services/strategies/runs/arena-service.js';
import path from 'node:path';

/** Where the Messages API is (a local test server in tests), its timeout and retries, over the pinned TLS. */
export function aiRequest(config: CoreConfig, pinnedFetch: typeof fetch | undefined): Omit<AiClientConfig, 'apiKey'> {
  return {
    ...config.aiRequest,
    ...(config.anthropicBaseUrl === undefined ? {} : { baseURL: config.anthropicBaseUrl }),
    ...(pinnedFetch ? { fetch: pinnedFetch } : {}),
  };
}

export function composeArena(p: Omit<AdvisorParts, 'models'>) {
  let models: ReturnType<typeof loadModelList> | null = null;
  const { advisor, arena: arenaAdvisors } = createAdvisors({
    ...p,
    models: () => (models ??= loadModelList(path.join(APP_ROOT, AI_MODELS_FILE))).models,
  });
  // The paper arena: each run's sub-account, replayed from its own fills, and the advisors' rows.
  const runAccounts = createRunAccountRepo(p.db);
  const arena = createArena({
    runs: createStrategyRunRepo(p.db),
    accounts: runAccounts,
    orders: p.orders,
    market: p.market,
    clock: p.clock,
    logger: p.logger,
    advisors: () => arenaAdvisors.leaderboard(),
  });
  return { advisor, arenaAdvisors, arena, runAccounts };
}
