// AI generation of grid strategies: the grid tool, its ranges, its repair round and refine, with
// the real SDK against the local Messages server (harness: testing/ai-harness.ts).
import { describe, expect, it } from 'vitest';
import { fakeReport, GRID, server, strategies, service, request, refusal, useAiHarness } from './testing/ai-harness.js';

useAiHarness();

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
