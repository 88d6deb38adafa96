/**
 * Builds the AI strategy service for the composition root: the model list and the prompt template
 * read from the app root (resources/ai-models.json, electron/adapters/ai/prompts/, both packaged by
 * electron-builder.yml), the generation repository, progress on the event bus, and the gauntlet
 * service for the run after generation and the report stored at approval.
 */
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { AI_MODELS_FILE, loadModelList } from '../../../adapters/ai/models.js';
import { loadPromptTemplate, STRATEGY_PROMPT_FILE } from '../../../adapters/ai/prompt.js';
import type { SecretStore } from '../../../adapters/secrets/secret-store.js';
import type { Clock } from '../../../engine/clock.js';
import type { Logger } from '../../../logging/types.js';
import { createAiGenerationRepo } from '../../../persistence/repositories/ai-generation-repo.js';
import { APP_ROOT } from '../../app-paths.js';
import type { EventBus } from '../../event-bus.js';
import type { AuditRecorder } from '../audit-service.js';
import type { SettingsService } from '../settings-service.js';
import type { GauntletService } from '../strategies/gauntlet-service.js';
import type { StrategyService } from '../strategies/strategy-service.js';
import { createAiService } from './ai-service.js';
import type { AiServiceDeps } from './types.js';

export type CreateAiDeps = {
  db: Database;
  clock: Clock;
  logger: Logger;
  audit: AuditRecorder;
  bus: EventBus;
  settings: SettingsService;
  secretStore: SecretStore;
  newId: () => string;
  /** Looked up when used (the services are built after this one). */
  strategies: () => StrategyService;
  gauntlet: () => GauntletService | undefined;
  /** The Messages API's base URL, timeout and retries (default: the real API, 120 s, 2 retries). */
  request?: AiServiceDeps['request'];
  appRoot?: string;
};

export function createAi(deps: CreateAiDeps) {
  const root = deps.appRoot ?? APP_ROOT;
  return createAiService({
    repo: createAiGenerationRepo(deps.db),
    secretStore: deps.secretStore,
    settings: deps.settings,
    strategies: {
      create: (input) => deps.strategies().create(input),
      recordBacktest: (id, report, ranAt) => deps.strategies().recordBacktest(id, report, ranAt),
    },
    audit: deps.audit,
    logger: deps.logger,
    emit: (progress) => deps.bus.emit('ai.progress', progress),
    now: () => deps.clock.now(),
    newId: deps.newId,
    models: loadModelList(path.join(root, AI_MODELS_FILE)),
    prompt: loadPromptTemplate(path.join(root, STRATEGY_PROMPT_FILE)),
    request: deps.request ?? {},
    runGauntlet: (definition, symbol, timeframe, jobId, onProgress, signal) => {
      const gauntlet = deps.gauntlet();
      if (!gauntlet) return Promise.reject(new Error('the gauntlet service is not running'));
      return gauntlet.runGauntletFor({ definition }, symbol, timeframe, jobId, onProgress, signal);
    },
    saveGauntlet: (strategyId, report) => deps.gauntlet()?.store(strategyId, report),
  });
}
