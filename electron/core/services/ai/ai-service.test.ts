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
import { GRID_STRATEGY } from '../../../adapters/ai/testing/scenarios.js';
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
const GRID = GRID_STRATEGY;
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
  ({
    strategyId: 'unsaved',
    symbol: 'BTC/USD',
    timeframe: '1h',
    verdict: { grade, reasons: ['r'] },
  }) as unknown as GauntletReport;

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

describe('generating a strategy', () => {
  it('stores a valid answer with its tokens, cost and gauntlet; approval saves it with the verdict', async () => {
    const ai = service();
    const g = await ai.generate(request());
    expect(g).toMatchObject({
      status: 'VALID',
      promptVersion: 'strategy-v2',
      model: 'claude-sonnet-5-5',
      tokensIn: 5200,
      tokensOut: 420,
      costUsd: 0.0146,
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
    expect(audited[0]).toMatchObject({ details: { generationId: g.id, status: 'VALID', costUsd: 0.0146 } });
    // The system prompt carries the pick and the catalog; the model must call one of the two tools.
    const sent = server.requests[0]!.body as { system: string; tool_choice: unknown; tools: { name: string }[] };
    expect(sent.system).toContain('Symbol: BTC/USD');
    expect(sent.tools.map((t) => t.name)).toEqual(['submit_strategy', 'submit_grid_strategy']);
    expect(sent.tool_choice).toEqual({ type: 'any', disable_parallel_tool_use: true });

    const approved = ai.decide({ id: g.id, decision: 'APPROVE', acceptClamped: false });
    expect(approved.decision).toBe('APPROVED');
    const saved = strategies.get(approved.strategyId!);
    expect(saved.definition).toEqual(g.strategy);
    expect(gauntletsSaved).toEqual([
      {
        strategyId: saved.id,
        report: expect.objectContaining({ strategyId: saved.id, verdict: { grade: 'GOOD', reasons: ['r'] } }),
      },
    ]);
    expect(audited.at(-1)).toMatchObject({ details: { decision: 'APPROVED', strategyId: saved.id } });
    expect((await refusal(() => ai.decide({ id: g.id, decision: 'DISCARD', acceptClamped: false }))).code).toBe(
      'conflict',
    );
  });

  it('repairs an answer without a tool call (prose with broken JSON) in a second round', async () => {
    server.setScenario('no-tool-use');
    const g = await service().generate(request());
    expect(g.status).toBe('VALID');
    expect(g.attempts.map((a) => a.round)).toEqual([1, 2]);
    expect(g.attempts[0]!.rawAnswer).toContain('Here is your strategy');
    expect(g.attempts[0]!.issues[0]!.message).toMatch(
      /did not call the submit_strategy tool or the submit_grid_strategy tool/,
    );
    const repair = server.requests[1]!.body.messages!;
    expect(repair.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(repair[2]!.content).toMatch(
      /did not call the submit_strategy tool.*Call submit_strategy.*or submit_grid_strategy/s,
    );
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
      expect.objectContaining({
        type: 'tool_result',
        is_error: true,
        content: expect.stringMatching(/entryConditions\[0\] "STOCH_RSI < 20"/),
      }),
    ]);
  });

  it('ends INVALID after one repair round, showing the errors and raw answers, saving nothing', async () => {
    server.setScenario('invalid-twice');
    const ai = service();
    const g = await ai.generate(request());
    expect(g).toMatchObject({ status: 'INVALID', strategy: null, gauntlet: null });
    expect(g.error).toMatch(/still invalid after one repair round/);
    expect(g.attempts.map((a) => a.rawAnswer)).toEqual([
      expect.stringContaining('STOCH_RSI'),
      expect.stringContaining('STOCH_RSI'),
    ]);
    expect(server.requests).toHaveLength(2);
    expect(progress.at(-1)!.phase).toBe('failed');
    expect((await refusal(() => ai.decide({ id: g.id, decision: 'APPROVE', acceptClamped: true }))).code).toBe(
      'conflict',
    );
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
    expect(strategies.get(approved.strategyId!).definition).toMatchObject({
      stopLossPercent: 10,
      positionSizePercent: 20,
    });
    expect(audited.at(-1)!.details).toMatchObject({ acceptedClamped: true });
  });

  it('continues from a stored generation when refining', async () => {
    const ai = service();
    const first = await ai.generate(request());
    const refined = await ai.generate(
      request({ request: 'make it less aggressive', riskLevel: 'LOW', refineFrom: first.id }),
    );
    expect(refined).toMatchObject({ status: 'VALID', parentId: first.id, riskLevel: 'LOW' });
    const sent = server.requests[1]!.body.messages!;
    expect(sent.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(JSON.stringify(sent[0])).toContain('an aggressive RSI strategy');
    expect(sent[1]!.content).toEqual([expect.objectContaining({ type: 'tool_use', input: first.strategy })]);
    expect(JSON.stringify(sent[2])).toContain('make it less aggressive');
    expect((await refusal(ai.generate(request({ refineFrom: 'nope' })))).code).toBe('not_found');
  });

  it('cancels a running gauntlet: the generation stays VALID and says the gauntlet was cancelled', async () => {
    const ai = service({
      runGauntlet: (_d, _s, _t, _j, onProgress, signal) =>
        new Promise((_resolve, reject) => {
          onProgress(0.1, 'loading candles');
          signal.addEventListener('abort', () => reject(new AppError('cancelled', 'the gauntlet was cancelled')));
        }),
    });
    const req = request();
    const pending = ai.generate(req);
    while (!progress.some((p) => p.phase === 'backtesting')) await new Promise((r) => setTimeout(r, 10));
    expect(ai.cancel(req.jobId)).toBe(true);
    const g = await pending;
    expect(g).toMatchObject({
      status: 'VALID',
      gauntlet: null,
      error: expect.stringMatching(/gauntlet was cancelled/),
    });
    expect(progress.at(-1)!.phase).toBe('cancelled');
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

describe('generating a grid strategy', () => {
  it('takes an answer through submit_grid_strategy as a grid: VALID, gauntlet on the pick, approval saves the grid', async () => {
    server.setScenario('grid');
    let tested: unknown = null;
    const ai = service({
      runGauntlet: (definition, symbol, timeframe) => {
        tested = definition;
        return Promise.resolve({ ...fakeReport('EXCELLENT'), symbol, timeframe });
      },
    });
    const g = await ai.generate(request({ request: 'a grid for a sideways Bitcoin', riskLevel: 'MEDIUM' }));
    expect(g).toMatchObject({
      status: 'VALID',
      strategy: {
        kind: 'grid',
        symbols: ['BTC/USD'],
        timeframe: '1h',
        riskLevel: 'MEDIUM',
        levelsPerSide: 5,
        spacingAtrMultiple: 1.5,
        capitalPerSymbolPercent: 20,
        stopLossPercent: 5,
        trendFilter: { fastEma: 20, slowEma: 50 },
      },
      gauntlet: { verdict: { grade: 'EXCELLENT' } },
    });
    expect(tested).toEqual(g.strategy);
    expect(g.attempts[0]!.rawAnswer).toContain('"name": "submit_grid_strategy"');
    const sent = server.requests[0]!.body as { tool_choice: unknown; tools: { name: string; input_schema: unknown }[] };
    expect(sent.tools.map((t) => t.name)).toEqual(['submit_strategy', 'submit_grid_strategy']);
    expect(sent.tools[1]!.input_schema).toMatchObject({ type: 'object', properties: { kind: { const: 'grid' } } });
    expect(sent.tool_choice).toEqual({ type: 'any', disable_parallel_tool_use: true });

    const approved = ai.decide({ id: g.id, decision: 'APPROVE', acceptClamped: false });
    expect(strategies.get(approved.strategyId!).definition).toEqual(g.strategy);
  });

  it("uses the trader's symbol and timeframe for a grid too", async () => {
    server.addScenario({
      name: 'grid-wrong-pick',
      description: 'a grid on ETH/USD 15m, then on the pick',
      turns: [
        [
          {
            kind: 'tool_use',
            name: 'submit_grid_strategy',
            input: { ...GRID, symbols: ['ETH/USD'], timeframe: '15m' },
          },
        ],
        [{ kind: 'tool_use', name: 'submit_grid_strategy', input: GRID }],
      ],
    });
    server.setScenario('grid-wrong-pick');
    const g = await service().generate(request({ timeframe: '4h' }));
    expect(g).toMatchObject({ status: 'VALID', strategy: { kind: 'grid', symbols: ['BTC/USD'], timeframe: '4h' } });
    expect(g.attempts[0]!.issues.map((i) => i.path[0])).toEqual(['timeframe', 'symbols']);
  });

  it("sends a grid's errors back in the repair round and keeps the grid tool", async () => {
    server.setScenario('grid-repaired');
    const g = await service().generate(request());
    expect(g).toMatchObject({ status: 'VALID', strategy: { kind: 'grid' } });
    expect(g.attempts[0]!.issues).toEqual([
      expect.objectContaining({ path: ['trendFilter'], message: expect.stringMatching(/fast EMA must be shorter/) }),
    ]);
    const last = server.requests[1]!.body.messages!.at(-1)!;
    expect(last.content).toEqual([
      expect.objectContaining({
        type: 'tool_result',
        is_error: true,
        content: expect.stringMatching(
          /trendFilter: the fast EMA must be shorter[\s\S]*Call submit_grid_strategy again/,
        ),
      }),
    ]);
  });

  it('never clamps a grid silently: capital share and stop out of range give OUT_OF_RANGE with a clamped grid', async () => {
    server.setScenario('grid-out-of-range');
    const ai = service();
    const g = await ai.generate(request());
    expect(g.status).toBe('OUT_OF_RANGE');
    expect(g.outOfRange.map((o) => [o.field, o.value, o.min, o.max, o.clamped])).toEqual([
      ['capitalPerSymbolPercent', 50, 1, 20, 20],
      ['stopLossPercent', 15, 1, 10, 10],
    ]);
    expect(g.outOfRange[0]!.message).toMatch(/capital per symbol of 50 % is outside 1-20 %/);
    expect(g.clampedStrategy).toMatchObject({ kind: 'grid', capitalPerSymbolPercent: 20, stopLossPercent: 10 });
    expect((await refusal(() => ai.decide({ id: g.id, decision: 'APPROVE', acceptClamped: false }))).message).toMatch(
      /capitalPerSymbolPercent 50 -> 20/,
    );
    const approved = ai.decide({ id: g.id, decision: 'APPROVE', acceptClamped: true });
    expect(strategies.get(approved.strategyId!).definition).toMatchObject({
      kind: 'grid',
      capitalPerSymbolPercent: 20,
    });
  });

  it('refuses a grid sent through the signal tool, and refines a grid through the grid tool', async () => {
    server.addScenario({
      name: 'grid-through-signal-tool',
      description: 'a grid sent through submit_strategy, then through submit_grid_strategy',
      turns: [
        [{ kind: 'tool_use', name: 'submit_strategy', input: { ...GRID, kind: 'grid' } }],
        [{ kind: 'tool_use', name: 'submit_grid_strategy', input: GRID }],
      ],
    });
    server.setScenario('grid-through-signal-tool');
    const ai = service();
    const g = await ai.generate(request());
    expect(g).toMatchObject({ status: 'VALID', strategy: { kind: 'grid' } });
    expect(g.attempts[0]!.issues[0]!.message).toMatch(/call submit_grid_strategy for a grid/);
    server.setScenario('grid');
    await ai.generate(request({ request: 'fewer levels', refineFrom: g.id }));
    const sent = server.requests.at(-1)!.body.messages!;
    expect(sent[1]!.content).toEqual([expect.objectContaining({ type: 'tool_use', name: 'submit_grid_strategy' })]);
  });
});

describe('when the request to Claude fails', () => {
  it('needs a key first: status says so and generate asks for one in Settings > Secrets', async () => {
    const ai = service({}, null);
    expect(await ai.status()).toMatchObject({
      keyConfigured: false,
      model: 'claude-sonnet-5-5',
      promptVersion: 'strategy-v2',
    });
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
    expect((await refusal(ai.setModel('gpt-4'))).message).toMatch(/choose one of claude-sonnet-5-5/);
    const g = await ai.generate(request());
    expect(g).toMatchObject({ model: 'claude-haiku-4-5', costUsd: 0.0073 });
    expect(server.requests[0]!.body.model).toBe('claude-haiku-4-5');
  });
});
