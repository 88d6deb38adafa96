// AI strategy generation of signal strategies with the real SDK against the local Messages server,
// on a real SQLite file: each recorded scenario as the trader would see it (status, errors, stored
// attempts, the repair round, ranges, approval), with a stand-in gauntlet (the real one:
// ai-contract.test.ts). The harness: testing/ai-harness.ts.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/ipc/envelope.js';
import { NO_GAUNTLET_MESSAGE } from './gauntlet-step.js';
import {
  server,
  strategies,
  progress,
  audited,
  gauntletsSaved,
  service,
  request,
  refusal,
  useAiHarness,
} from './testing/ai-harness.js';

useAiHarness();

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
