/**
 * Builds the advisor from the core's parts (create-core.ts): its repository, the Messages client
 * made per request from the Anthropic key in the secret store (so a key added or replaced in
 * Settings is used at once), the model prices for the budget, and the core's services.
 */
import { randomUUID } from 'node:crypto';
import type { AiModel } from '../../../../../shared/domain/ai.js';
import { createMessagesClient, type AiClientConfig } from '../../../../adapters/ai/client.js';
import { estimateCostUsd } from '../../../../adapters/ai/models.js';
import type { SecretStore } from '../../../../adapters/secrets/secret-store.js';
import type { Database } from '../../../../persistence/database.js';
import { createAdvisorRepo } from '../../../../persistence/repositories/advisor-repo.js';
import { createArenaAdvisorRepo } from '../../../../persistence/repositories/arena-advisor-repo.js';
import type { EventBus } from '../../../event-bus.js';
import type { MarketService } from '../../market-service.js';
import type { OrderService } from '../../orders/order-service.js';
import type { RiskService } from '../../risk/risk-service.js';
import type { SettingsService } from '../../settings-service.js';
import { createAdvisorService, type AdvisorDeps, type AdvisorService } from './advisor-service.js';
import { createArenaAdvisors, type ArenaAdvisors } from './arena-advisors.js';
import { NO_KEY_REASON } from './blocked.js';
import { AppError } from '../../../../../shared/ipc/envelope.js';

export type AdvisorParts = Pick<AdvisorDeps, 'clock' | 'scheduler' | 'logger' | 'audit'> & {
  db: Database;
  bus: EventBus;
  settings: SettingsService;
  market: MarketService;
  orders: OrderService;
  risk: RiskService;
  secretStore: SecretStore;
  /** The models and their prices (resources/ai-models.json). */
  models: () => readonly AiModel[];
  /** The Messages API's base URL (default the real API; a local test server in tests), timeout and retries. */
  request?: Omit<AiClientConfig, 'apiKey'>;
};

/** The model's prices; a model missing from the list is charged at the dearest one, so the budget still holds. */
function priceOf(models: readonly AiModel[], id: string): AiModel | undefined {
  return (
    models.find((m) => m.id === id) ??
    models.reduce<AiModel | undefined>((a, m) => (!a || m.outputPerMTok > a.outputPerMTok ? m : a), undefined)
  );
}

/** What differs from one advisor to another: the Settings advisor's are the core's own. */
export type AdvisorScope = Pick<AdvisorDeps, 'repo' | 'settings' | 'orders' | 'emit' | 'instructions'>;

/**
 * Makes advisors over the core's parts: the key from the secret store, the Messages client, the
 * model prices, the kill switch. Each advisor brings its own scope (repository, settings, orders).
 */
export function advisorFactory(p: AdvisorParts): (scope: AdvisorScope) => AdvisorService {
  /** The key from the secret store, taught to the log redactor before anything can echo it. */
  const apiKey = async (): Promise<string | null> => {
    const key = await p.secretStore.get('anthropic.apiKey');
    if (key === null || key === '') return null;
    p.logger.addSecret(key);
    return key;
  };
  return (scope) =>
    createAdvisorService({
      clock: p.clock,
      scheduler: p.scheduler,
      logger: p.logger,
      audit: p.audit,
      market: p.market,
      killSwitchEngaged: () => p.risk.killSwitch().engaged,
      keyConfigured: async () => (await apiKey()) !== null,
      async createMessage(params, signal) {
        const key = await apiKey();
        if (key === null) throw new AppError('forbidden', NO_KEY_REASON);
        const client = createMessagesClient({ ...p.request, apiKey: key });
        return (await client.create(params, signal)).message;
      },
      costUsd: (model, usage) => estimateCostUsd(priceOf(p.models(), model), usage.input_tokens, usage.output_tokens),
      newId: randomUUID,
      ...scope,
    });
}

/** The Settings advisor (on the whole account) and the arena's advisors (each on its own sub-account). */
export function createAdvisors(p: AdvisorParts): { advisor: AdvisorService; arena: ArenaAdvisors } {
  const make = advisorFactory(p);
  const advisor = make({
    repo: createAdvisorRepo(p.db),
    settings: p.settings,
    orders: p.orders,
    emit: (decision) => p.bus.emit('ai.advisorDecision', decision),
  });
  // A mode switch cancels the pass in flight: its answer was asked for the old venue.
  p.orders.onSwitch((from, to) =>
    advisor.cancel(`cancelled: the trading mode switched from ${from.venue} to ${to.venue} while Claude was answering`),
  );
  const arena = createArenaAdvisors({
    repo: createArenaAdvisorRepo(p.db),
    advisorRepo: (id) => createAdvisorRepo(p.db, id),
    makeAdvisor: make,
    settings: p.settings,
    orders: p.orders,
    market: p.market,
    models: p.models,
    clock: p.clock,
    logger: p.logger,
    newId: randomUUID,
  });
  return { advisor, arena };
}
