/**
 * AI strategies: generation from plain language with Claude (prompt from the live schema, tool use,
 * validation with one repair round, risk ranges never silently clamped), then the gauntlet; every
 * generation stored and audited; the model choice; cancellation; the trader's decision
 * (decide.ts). Progress goes out as ai.progress events with the caller's job id.
 */
import type { AiProgress, AiStatus, GenerateRequest, GenerationView } from '../../../../shared/domain/ai.js';
import { AppError } from '../../../../shared/ipc/envelope.js';
import { createMessagesClient } from '../../../adapters/ai/client.js';
import { estimateCostUsd } from '../../../adapters/ai/models.js';
import { buildStrategyPrompt, type StrategyPromptInput } from '../../../adapters/ai/prompt.js';
import { converse } from './conversation.js';
import { createDecide } from './decide.js';
import { runGauntletFor } from './gauntlet-step.js';
import { firstMessages, refineMessages } from './requests.js';
import type { AiServiceDeps } from './types.js';
import { toSummary, toView } from './view.js';

export const NO_KEY_MESSAGE =
  'add your Anthropic API key in Settings > Secrets (anthropic.apiKey) to generate strategies with Claude';

export function createAiService(deps: AiServiceDeps) {
  const jobs = new Map<string, AbortController>();
  const createClient = deps.createClient ?? createMessagesClient;

  /** The key from the secret store (taught to the log redactor), or null when none is set. */
  async function apiKey(): Promise<string | null> {
    const key = await deps.secretStore.get('anthropic.apiKey');
    if (key === null || key === '') return null;
    deps.logger.addSecret(key);
    return key;
  }

  async function status(): Promise<AiStatus> {
    return {
      keyConfigured: (await apiKey()) !== null,
      model: deps.settings.get().aiModel,
      models: deps.models.models,
      promptVersion: deps.prompt.version,
    };
  }

  function load(id: string) {
    const row = deps.repo.get(id);
    if (!row) throw new AppError('not_found', `there is no AI generation ${id}`);
    return row;
  }

  async function generate(req: GenerateRequest): Promise<GenerationView> {
    const key = await apiKey();
    if (key === null) throw new AppError('unavailable', NO_KEY_MESSAGE);
    if (jobs.has(req.jobId)) throw new AppError('conflict', `job ${req.jobId} is already running; use a new job id`);
    const settings = deps.settings.get();
    const pick: StrategyPromptInput = {
      symbol: req.symbol,
      timeframe: req.timeframe,
      riskLevel: req.riskLevel,
      feeRate: settings.defaultFeeRate,
    };
    const parent = req.refineFrom !== undefined ? load(req.refineFrom) : null;
    const messages = parent ? refineMessages(parent, req.request, pick) : firstMessages(req.request, pick);
    const model = settings.aiModel;
    const progress = (phase: AiProgress['phase'], fraction: number, message: string) =>
      deps.emit({ jobId: req.jobId, phase, fraction, message });

    const abort = new AbortController();
    jobs.set(req.jobId, abort);
    try {
      const result = await converse({
        client: createClient({ ...deps.request, apiKey: key }),
        model,
        system: buildStrategyPrompt(deps.prompt, pick),
        messages,
        pick,
        signal: abort.signal,
        onPhase: progress,
      });
      const tokensIn = result.attempts.reduce((s, a) => s + a.tokensIn, 0);
      const tokensOut = result.attempts.reduce((s, a) => s + a.tokensOut, 0);
      const costUsd = estimateCostUsd(
        deps.models.models.find((m) => m.id === model),
        tokensIn,
        tokensOut,
      );
      const id = deps.newId();
      deps.repo.insert({
        id,
        createdAt: deps.now(),
        parentId: parent?.id ?? null,
        jobId: req.jobId,
        promptVersion: deps.prompt.version,
        request: req.request,
        symbol: req.symbol,
        timeframe: req.timeframe,
        riskLevel: req.riskLevel,
        model,
        status: result.status,
        attempts: result.attempts,
        tokensIn,
        tokensOut,
        costUsd,
        latencyMs: result.attempts.reduce((s, a) => s + a.latencyMs, 0),
        strategy: result.status === 'VALID' ? result.strategy : null,
        outOfRange: result.status === 'OUT_OF_RANGE' ? result.outOfRange : [],
        clampedStrategy: result.status === 'OUT_OF_RANGE' ? result.clampedStrategy : null,
        error: 'error' in result ? result.error : null,
      });
      deps.audit.record('ai.generation', 'user', `AI generation ${result.status}: "${req.request.slice(0, 80)}"`, {
        generationId: id,
        parentId: parent?.id ?? null,
        model,
        promptVersion: deps.prompt.version,
        symbol: req.symbol,
        timeframe: req.timeframe,
        status: result.status,
        rounds: result.attempts.length,
        tokensIn,
        tokensOut,
        costUsd,
      });
      deps.logger.info('ai', `AI generation ${id} ended ${result.status}`, { model, tokensIn, tokensOut, costUsd });
      if (result.status === 'VALID') {
        await runGauntletFor(deps, { id, jobId: req.jobId, definition: result.strategy, pick, abort, progress });
      } else if (result.status === 'CANCELLED') {
        progress('cancelled', 1, 'cancelled: nothing was saved');
      } else if (result.status === 'OUT_OF_RANGE') {
        progress('done', 1, 'some risk values are out of range: accept the clamped version, refine or discard');
      } else {
        progress('failed', 1, 'error' in result ? result.error : 'the generation failed');
      }
      return toView(load(id));
    } finally {
      jobs.delete(req.jobId);
    }
  }

  return {
    status,
    async setModel(model: string): Promise<AiStatus> {
      if (!deps.models.models.some((m) => m.id === model)) {
        const known = deps.models.models.map((m) => m.id).join(', ');
        throw new AppError('invalid_input', `model: "${model}" is not offered; choose one of ${known}`);
      }
      deps.settings.setInternal({ aiModel: model });
      return status();
    },
    generate,
    /** Aborts the request (or the gauntlet) of a running generation; false when nothing runs under that id. */
    cancel(jobId: string): boolean {
      const job = jobs.get(jobId);
      if (!job) return false;
      job.abort();
      return true;
    },
    list: (limit: number) => deps.repo.list(limit).map(toSummary),
    get: (id: string) => toView(load(id)),
    decide: createDecide(deps, load),
  };
}

export type AiService = ReturnType<typeof createAiService>;
