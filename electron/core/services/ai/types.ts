/** What the AI strategy service is built from (create-core.ts wires the real ones; tests their own). */
import type { AiProgress } from '../../../../shared/domain/ai.js';
import type { GauntletReport } from '../../../../shared/domain/gauntlet.js';
import type { Timeframe } from '../../../../shared/domain/market.js';
import type { StrategyDefinition } from '../../../../shared/domain/strategy.js';
import type { SecretStore } from '../../../adapters/secrets/secret-store.js';
import type { AiClientConfig, MessagesClient } from '../../../adapters/ai/client.js';
import type { ModelList } from '../../../adapters/ai/models.js';
import type { PromptTemplate } from '../../../adapters/ai/prompt.js';
import type { Logger } from '../../../logging/types.js';
import type { AiGenerationRepo } from '../../../persistence/repositories/ai-generation-repo.js';
import type { AuditRecorder } from '../audit-service.js';
import type { SettingsService } from '../settings-service.js';
import type { StrategyService } from '../strategies/strategy-service.js';

/** Runs the validation gauntlet on an unsaved definition (the gauntlet service); progress 0..1; abort cancels. */
export type GauntletRunner = (
  definition: StrategyDefinition,
  symbol: string,
  timeframe: Timeframe,
  jobId: string,
  onProgress: (fraction: number, message?: string) => void,
  signal: AbortSignal,
) => Promise<GauntletReport>;

export type AiServiceDeps = {
  repo: AiGenerationRepo;
  secretStore: Pick<SecretStore, 'get'>;
  settings: Pick<SettingsService, 'get' | 'setInternal'>;
  strategies: Pick<StrategyService, 'create' | 'recordBacktest'>;
  audit: AuditRecorder;
  logger: Logger;
  emit(progress: AiProgress): void;
  now(): number;
  newId(): string;
  models: ModelList;
  prompt: PromptTemplate;
  /** Base URL, timeout and retries of the Messages client (the key comes from the secret store). */
  request: Omit<AiClientConfig, 'apiKey'>;
  /** Default: the real SDK client. */
  createClient?: (config: AiClientConfig) => MessagesClient;
  /** The gauntlet after a valid generation (absent: the generation ends without one, saying so). */
  runGauntlet?: GauntletRunner;
  /** Stores a gauntlet report (run before the strategy existed) for the strategy saved at approval. */
  saveGauntlet?: (strategyId: string, report: GauntletReport) => void;
};
