// AI strategy generation with the real SDK against the local Messages server, on a real SQLite
// file: each recorded scenario as the trader would see it (status, errors, stored attempts, the
// repair round, ranges, approval), with a stand-in gauntlet (the real one: ai-contract.test.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AiProgress, GenerateRequest } from '../../../../shared/domain/ai.js';
import type { GauntletReport } from '../../../../shared/domain/gauntlet.js';
import { DEFAULT_SETTINGS, type Settings } from '../../../../shared/domain/settings.js';
import { AppError } from '../../../../shared/ipc/envelope.js';
import { createMemorySecretStore } from '../../../adapters/secrets/memory-store.js';
import { loadModelList, AI_MODELS_FILE } from '../../../adapters/ai/models.js';
import { loadPromptTemplate, STRATEGY_PROMPT_FILE } from '../../../adapters/ai/prompt.js';
import { startMessagesServer, type MessagesServer } from '../../../adapters/ai/testing/messages-server.js';
import type { Logger } from '../../../logging/types.js';
import { openDatabase } from '../../../persistence/database.js';
import { MIGRATIONS } from '../../../persistence/migrations/index.js';
import { createAiGenerationRepo } from '../../../persistence/repositories/ai-generation-repo.js';
import { createStrategyRepo } from '../../../persistence/repositories/strategy-repo.js';
import { APP_ROOT } from '../../app-paths.js';
import { createStrategyService, type StrategyService } from '../strategies/strategy-service.js';
import { createAiService, type AiService } from './ai-service.js';
import { NO_GAUNTLET_MESSAGE } from './gauntlet-step.js';
import type { AiServiceDeps } from './types.js';

const KEY = 'sk-ant-test-key';
let dir: string;
let db: Database;
let server: MessagesServer;
let strategies: StrategyService;
let progress: AiProgress[];
let audited: Array<{ summary: string; details: Record<string, unknown> }>;
let gauntletsSaved: Array<{ strategyId: string; report: GauntletReport }>;
let settings: Settings;
let n = 0;

const logger = new Proxy({}, { get: () => () => undefined }) as Logger;
const fakeReport = (grade: string) =>
  ({ strategyId: 'unsaved', symbol: 'BTC/USD', timeframe: '1h', verdict: { grade, reasons: ['r'] } }) as unknown as GauntletReport;

function service(overrides: Partial<AiServiceDeps> = {}, key: string | null = KEY): AiService {
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

const request = (overrides: Partial<GenerateRequest> = {}): GenerateRequest => ({
  jobId: `job-${Math.random().toString(36).slice(2, 10)}`,
  request: 'an aggressive RSI strategy for Bitcoin with a 2% stop',
  symbol: 'BTC/USD',
  timeframe: '1h',
  riskLevel: 'HIGH',
  ...overrides,
});

async function refusal(promise: Promise<unknown> | (() => unknown)): Promise<AppError> {
  const error = await (typeof promise === 'function' ? Promise.resolve().then(promise) : promise).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-ai-'));
  db = openDatabase({ file: path.join(dir, 'workstation.db'), migrations: MIGRATIONS });
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

describe('generating a strategy', () => {
  it('stores a valid answer with its tokens, cost and gauntlet; approval saves it with the verdict', async () => {
    const ai = service();
    const g = await ai.generate(request());
    expect(g).toMatchObject({
      status: 'VALID',
      promptVersion: 'strategy-v1',
      model: 'claude-sonnet-4-5',
      tokensIn: 5200,
      tokensOut: 420,
      costUsd: 0.0219,
      decision: 'PENDING',
      strategy: { name: 'Aggressive RSI swing', symbols: ['BTC/USD'], timeframe: '1h', stopLossPercent: 2 },
      gauntlet: { verdict: { grade: 'GOOD' } },
      error: null,
    });
    expect(g.attempts).toHaveLength(1);
    expect(g.attempts[0]!.rawAnswer).toContain('"name": "submit_strategy"');
    expect(ai.get(g.id)).toEqual(g);
    expect(ai.list(10)).toEqual([expect.objectContaining({ id: g.id, verdict: 'GOOD', status: 'VALID' })]);
    const phases = progress.map((p) => p.phase);
    expect(phases[0]).toBe('generating');
    expect(phases).toEqual(expect.arrayContaining(['validating', 'gauntlet']));
    expect(phases.at(-1)).toBe('done');
    expect(audited[0]).toMatchObject({ details: { generationId: g.id, status: 'VALID', costUsd: 0.0219 } });
    // The system prompt carries the pick and the catalog; the tool is forced.
    const sent = server.requests[0]!.body as { system: string; tool_choice: unknown };
    expect(sent.system).toContain('Symbol: BTC/USD');
    expect(sent.tool_choice).toEqual({ type: 'tool', name: 'submit_strategy' });

    const approved = ai.decide({ id: g.id, decision: 'APPROVE', acceptClamped: false });
    expect(approved.decision).toBe('APPROVED');
    const saved = strategies.get(approved.strategyId!);
    expect(saved.definition).toEqual(g.strategy);
    expect(gauntletsSaved).toEqual([
      { strategyId: saved.id, report: expect.objectContaining({ strategyId: saved.id, verdict: { grade: 'GOOD', reasons: ['r'] } }) },
    ]);
    expect(audited.at(-1)).toMatchObject({ details: { decision: 'APPROVED', strategyId: saved.id } });
    expect((await refusal(() => ai.decide({ id: g.id, decision: 'DISCARD', acceptClamped: false }))).code).toBe('conflict');
  });

  it('repairs an answer without a tool call (prose with broken JSON) in a second round', async () => {
    server.setScenario('no-tool-use');
    const g = await service().generate(request());
    expect(g.status).toBe('VALID');
    expect(g.attempts.map((a) => a.round)).toEqual([1, 2]);
    expect(g.attempts[0]!.rawAnswer).toContain('Here is your strategy');
    expect(g.attempts[0]!.issues[0]!.message).toMatch(/did not call the submit_strategy tool/);
    const repair = server.requests[1]!.body.messages!;
    expect(repair.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(repair[2]!.content).toMatch(/did not call the submit_strategy tool/);
    expect(progress.map((p) => p.phase)).toContain('repairing');
  });

  it('sends the exact parser error back as an is_error tool result and keeps both attempts', async () => {
    server.setScenario('unknown-indicator');
    const g = await service().generate(request());
    expect(g.status).toBe('VALID');
    expect(g.attempts).toHaveLength(2);
    const first = g.attempts[0]!;
    expect(first.issues).toEqual([
      expect.objectContaining({ path: ['entryConditions', 0], position: expect.objectContaining({ column: 1 }) }),
    ]);
    expect(first.issues[0]!.message).toMatch(/STOCH_RSI/);
    expect(first.rawAnswer).toContain('STOCH_RSI < 20');
    expect(g.attempts[1]!.issues).toEqual([]);
    expect(g.tokensIn).toBe(10_400);
    const last = server.requests[1]!.body.messages!.at(-1)!;
    expect(last.content).toEqual([
      expect.objectContaining({ type: 'tool_result', is_error: true, content: expect.stringMatching(/entryConditions\[0\] "STOCH_RSI < 20"/) }),
    ]);
  });

  it('ends INVALID after one repair round, showing the errors and raw answers, saving nothing', async () => {
    server.setScenario('invalid-twice');
    const ai = service();
    const g = await ai.generate(request());
    expect(g).toMatchObject({ status: 'INVALID', strategy: null, gauntlet: null });
    expect(g.error).toMatch(/still invalid after one repair round/);
    expect(g.attempts.map((a) => a.rawAnswer)).toEqual([expect.stringContaining('STOCH_RSI'), expect.stringContaining('STOCH_RSI')]);
    expect(server.requests).toHaveLength(2);
    expect(progress.at(-1)!.phase).toBe('failed');
    expect((await refusal(() => ai.decide({ id: g.id, decision: 'APPROVE', acceptClamped: true }))).code).toBe('conflict');
    expect(strategies.list()).toEqual([]);
  });

  it('never clamps silently: OUT_OF_RANGE lists each value, and only an explicit acceptance saves the clamped one', async () => {
    server.setScenario('out-of-range');
    const ai = service();
    const g = await ai.generate(request());
    expect(g.status).toBe('OUT_OF_RANGE');
    expect(server.requests).toHaveLength(1);
    expect(g.strategy).toBeNull();
    expect(g.outOfRange.map((o) => [o.field, o.value, o.min, o.max, o.clamped])).toEqual([
      ['stopLossPercent', 25, 1, 10, 10],
      ['takeProfitPercent', 30, 2, 20, 20],
      ['positionSizePercent', 50, 5, 20, 20],
    ]);
    expect(g.clampedStrategy).toMatchObject({ stopLossPercent: 10, takeProfitPercent: 20, positionSizePercent: 20 });
    expect(g.gauntlet).toBeNull();

    const refused = await refusal(() => ai.decide({ id: g.id, decision: 'APPROVE', acceptClamped: false }));
    expect(refused.message).toMatch(/out of range \(stopLossPercent 25 -> 10.*acceptClamped/);
    expect(strategies.list()).toEqual([]);
    const approved = ai.decide({ id: g.id, decision: 'APPROVE', acceptClamped: true });
    expect(strategies.get(approved.strategyId!).definition).toMatchObject({ stopLossPercent: 10, positionSizePercent: 20 });
    expect(audited.at(-1)!.details).toMatchObject({ acceptedClamped: true });
  });

  it('continues from a stored generation when refining', async () => {
    const ai = service();
    const first = await ai.generate(request());
    const refined = await ai.generate(request({ request: 'make it less aggressive', riskLevel: 'LOW', refineFrom: first.id }));
    expect(refined).toMatchObject({ status: 'VALID', parentId: first.id, riskLevel: 'LOW' });
    const sent = server.requests[1]!.body.messages!;
    expect(sent.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(JSON.stringify(sent[0])).toContain('an aggressive RSI strategy');
    expect(sent[1]!.content).toEqual([expect.objectContaining({ type: 'tool_use', input: first.strategy })]);
    expect(JSON.stringify(sent[2])).toContain('make it less aggressive');
    expect((await refusal(ai.generate(request({ refineFrom: 'nope' })))).code).toBe('not_found');
  });

  it('records a discard, and says when the gauntlet is not available', async () => {
    const ai = service({ runGauntlet: undefined });
    const g = await ai.generate(request());
    expect(g).toMatchObject({ status: 'VALID', gauntlet: null, error: NO_GAUNTLET_MESSAGE });
    expect(ai.decide({ id: g.id, decision: 'DISCARD', acceptClamped: false }).decision).toBe('DISCARDED');
    expect(audited.at(-1)!.details).toMatchObject({ decision: 'DISCARDED' });
    expect(strategies.list()).toEqual([]);
  });
});

describe('when the request to Claude fails', () => {
  it('needs a key first: status says so and generate asks for one in Settings > Secrets', async () => {
    const ai = service({}, null);
    expect(await ai.status()).toMatchObject({ keyConfigured: false, model: 'claude-sonnet-4-5', promptVersion: 'strategy-v1' });
    const error = await refusal(ai.generate(request()));
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/add your Anthropic API key in Settings > Secrets/);
    expect(server.requests).toHaveLength(0);
  });

  it('says the key was refused (401) and stores the failed generation', async () => {
    const g = await service({}, 'sk-ant-wrong').generate(request());
    expect(g.status).toBe('REQUEST_FAILED');
    expect(g.error).toMatch(/refused the API key.*Settings > Secrets/);
    expect(g.attempts).toEqual([]);
    expect(progress.at(-1)!.phase).toBe('failed');
  });

  it('succeeds after a 429 once the retry-after has passed', async () => {
    server.setScenario('rate-limited');
    expect((await service().generate(request())).status).toBe('VALID');
    expect(server.requests).toHaveLength(2);
  });

  it('gives up on 529 overloaded after the bounded retries', async () => {
    server.setScenario('overloaded');
    const g = await service().generate(request());
    expect(g).toMatchObject({ status: 'REQUEST_FAILED' });
    expect(g.error).toMatch(/overloaded \(529\) after 3 attempts/);
    expect(server.requests).toHaveLength(3);
  });

  it('ends with a timeout error when Claude never answers', async () => {
    server.setScenario('timeout');
    const ai = service({ request: { baseURL: server.url, timeoutMs: 400, maxRetries: 0 } });
    const g = await ai.generate(request());
    expect(g.status).toBe('REQUEST_FAILED');
    expect(g.error).toMatch(/did not answer within/);
  });

  it('is CANCELLED when the trader cancels mid-request, and nothing is saved as a strategy', async () => {
    server.setScenario('timeout');
    const ai = service();
    const req = request();
    const pending = ai.generate(req);
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 10));
    expect(ai.cancel(req.jobId)).toBe(true);
    const g = await pending;
    expect(g.status).toBe('CANCELLED');
    expect(progress.at(-1)!.phase).toBe('cancelled');
    expect(ai.cancel(req.jobId)).toBe(false);
    expect(strategies.list()).toEqual([]);
  });
});

describe('the model', () => {
  it('is one of the offered models', async () => {
    const ai = service();
    expect((await ai.setModel('claude-haiku-4-5')).model).toBe('claude-haiku-4-5');
    expect(settings.aiModel).toBe('claude-haiku-4-5');
    expect((await refusal(ai.setModel('gpt-4'))).message).toMatch(/choose one of claude-sonnet-4-5/);
    const g = await ai.generate(request());
    expect(g).toMatchObject({ model: 'claude-haiku-4-5', costUsd: 0.0073 });
    expect(server.requests[0]!.body.model).toBe('claude-haiku-4-5');
  });
});
