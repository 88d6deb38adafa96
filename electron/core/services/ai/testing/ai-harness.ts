/**
 * The AI service's test harness: the real SDK against the local Messages server, a real SQLite
 * file, a strategy library, a stand-in gauntlet and recorders for progress, audit and stored
 * gauntlets. The bindings below are live: a test file reads the current test's values.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, expect } from 'vitest';
import type { AiProgress, GenerateRequest } from '../../../../../shared/domain/ai.js';
import type { GauntletReport } from '../../../../../shared/domain/gauntlet.js';
import { DEFAULT_SETTINGS, type Settings } from '../../../../../shared/domain/settings.js';
import { AppError } from '../../../../../shared/ipc/envelope.js';
import { createMemorySecretStore } from '../../../../adapters/secrets/memory-store.js';
import { loadModelList, AI_MODELS_FILE } from '../../../../adapters/ai/models.js';
import { loadPromptTemplate, STRATEGY_PROMPT_FILE } from '../../../../adapters/ai/prompt.js';
import { startMessagesServer, type MessagesServer } from '../../../../adapters/ai/testing/messages-server.js';
import { GRID_STRATEGY } from '../../../../adapters/ai/testing/scenarios.js';
import type { Logger } from '../../../../logging/types.js';
import { openDatabase } from '../../../../persistence/database.js';
import { MIGRATIONS } from '../../../../persistence/migrations/index.js';
import { createAiGenerationRepo } from '../../../../persistence/repositories/ai-generation-repo.js';
import { createStrategyRepo } from '../../../../persistence/repositories/strategy-repo.js';
import { APP_ROOT } from '../../../app-paths.js';
import { createStrategyService, type StrategyService } from '../../strategies/strategy-service.js';
import { createAiService, type AiService } from '../ai-service.js';
import type { AiServiceDeps } from '../types.js';

const KEY = 'sk-ant-test-key';
export const GRID = GRID_STRATEGY;
let dir: string;
let db: Database;
export let server: MessagesServer;
export let strategies: StrategyService;
export let progress: AiProgress[];
export let audited: Array<{ summary: string; details: Record<string, unknown> }>;
export let gauntletsSaved: Array<{ strategyId: string; report: GauntletReport }>;
export let settings: Settings;
let n = 0;

const logger = new Proxy({}, { get: () => () => undefined }) as Logger;
export const fakeReport = (grade: string) =>
  ({
    strategyId: 'unsaved',
    symbol: 'BTC/USD',
    timeframe: '1h',
    verdict: { grade, reasons: ['r'] },
  }) as unknown as GauntletReport;

export function service(overrides: Partial<AiServiceDeps> = {}, key: string | null = KEY): AiService {
  const secretStore = createMemorySecretStore();
  if (key !== null) void secretStore.set('anthropic.apiKey', key);
  return createAiService({
    repo: createAiGenerationRepo(db),
    secretStore,
    settings: {
      get: () => settings,
      setInternal: (patch) => (settings = { ...settings, ...patch }),
    },
    strategies,
    audit: {
      record: (_kind, _actor, summary, details = {}) => {
        audited.push({ summary, details });
        return {} as ReturnType<AiServiceDeps['audit']['record']>;
      },
    },
    logger,
    emit: (p) => progress.push(p),
    now: () => 1_700_000_000_000 + n,
    newId: () => `gen-${++n}`,
    models: loadModelList(path.join(APP_ROOT, AI_MODELS_FILE)),
    prompt: loadPromptTemplate(path.join(APP_ROOT, STRATEGY_PROMPT_FILE)),
    request: { baseURL: server.url, timeoutMs: 5_000, maxRetries: 2 },
    runGauntlet: (_def, symbol, timeframe, _job, onProgress) => {
      onProgress(0.5, 'stability');
      return Promise.resolve({ ...fakeReport('GOOD'), symbol, timeframe });
    },
    saveGauntlet: (strategyId, report) => gauntletsSaved.push({ strategyId, report }),
    ...overrides,
  });
}

export const request = (overrides: Partial<GenerateRequest> = {}): GenerateRequest => ({
  jobId: `job-${Math.random().toString(36).slice(2, 10)}`,
  request: 'an aggressive RSI strategy for Bitcoin with a 2% stop',
  symbol: 'BTC/USD',
  timeframe: '1h',
  riskLevel: 'HIGH',
  ...overrides,
});

export async function refusal(promise: Promise<unknown> | (() => unknown)): Promise<AppError> {
  const error = await (typeof promise === 'function' ? Promise.resolve().then(promise) : promise).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** Registers the per-test setup: a fresh SQLite file, Messages server, strategy library and recorders. */
export function useAiHarness(): void {
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-ai-'));
    db = openDatabase({ file: path.join(dir, 'workstation.db'), migrations: MIGRATIONS, synchronous: 'NORMAL' });
    server = await startMessagesServer({ apiKey: KEY });
    strategies = createStrategyService({ repo: createStrategyRepo(db), now: () => 1, newId: () => `strategy-${++n}` });
    progress = [];
    audited = [];
    gauntletsSaved = [];
    settings = { ...DEFAULT_SETTINGS };
  });
  afterEach(async () => {
    await server.close();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
}
