// The prompt and the tools are built from the live schema and language: every value and named
// condition of the catalog, working keywords, the risk ranges, the grid's fields, the pick, the
// fees, valid examples; the tools' input schemas are the signal and grid zod schemas'; the model
// list is data and is packaged.
import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { GridStrategy, STRATEGY_LIMITS, Strategy, STRATEGY_TEMPLATES } from '../../../shared/domain/strategy.js';
import { validateDefinition } from '../../core/services/strategies/strategy-service.js';
import { INDICATORS, NAMED_CONDITIONS } from '../../engine/strategy/catalog.js';
import { checkStrategy } from '../../engine/strategy/program.js';
import { parseCondition } from '../../engine/strategy/parser.js';
import { AI_MODELS_FILE, estimateCostUsd, loadModelList } from './models.js';
import {
  buildStrategyPrompt,
  EXAMPLE_TEMPLATE_IDS,
  LANGUAGE_KEYWORDS,
  loadPromptTemplate,
  STRATEGY_PROMPT_FILE,
} from './prompt.js';
import { GRID_EXAMPLE_TEMPLATE_ID, GRID_FIELD_DOCS } from './grid-prompt.js';
import {
  GRID_TOOL_NAME,
  gridTool,
  STRATEGY_TOOL_CHOICE,
  STRATEGY_TOOL_NAME,
  strategyTool,
  strategyTools,
} from './strategy-tool.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const template = loadPromptTemplate(path.join(ROOT, STRATEGY_PROMPT_FILE));
const prompt = buildStrategyPrompt(template, {
  symbol: 'ETH/USD',
  timeframe: '4h',
  riskLevel: 'HIGH',
  feeRate: 0.0026,
});

describe('the strategy prompt', () => {
  it('is versioned by its first line, and every placeholder is filled', () => {
    expect(template.version).toBe('strategy-v2');
    expect(prompt).not.toMatch(/prompt-version|\{\{/);
  });

  it('lists every value of the catalog (each spelling) and every named condition', () => {
    for (const indicator of INDICATORS) {
      for (const name of indicator.names) expect(prompt, name).toContain(name);
      for (const p of indicator.params) expect(prompt).toContain(`${p.name} ${p.min}-${p.max}`);
    }
    for (const [name, text] of Object.entries(NAMED_CONDITIONS)) expect(prompt).toContain(`${name}: ${text}`);
  });

  it('names only keywords the parser accepts', () => {
    const uses: Record<(typeof LANGUAGE_KEYWORDS)[number], string> = {
      AND: 'RSI < 30 AND Price > SMA(50)',
      OR: 'RSI < 30 OR RSI > 70',
      NOT: 'NOT RSI_overbought',
      '&&': 'RSI < 30 && Volume_high',
      '||': 'RSI < 30 || MACD_crossover',
      '!': '!RSI_overbought',
      'crosses above': 'EMA(9) crosses above EMA(21)',
      'crosses below': 'MACD crosses below MACD_signal',
      '<': 'RSI < 30',
      '<=': 'Price <= 1.01 * Low_24h',
      '>': 'ADX > 25',
      '>=': 'Price >= Bollinger_upper',
      '*': 'Volume > 2 * average(20)',
      '%': 'Momentum > 2%',
      '@': 'RSI@4h > 50',
    };
    for (const keyword of LANGUAGE_KEYWORDS) {
      expect(prompt).toContain(`\`${keyword}\``);
      expect(parseCondition(uses[keyword]).ok, uses[keyword]).toBe(true);
    }
  });

  it('states the risk ranges, the pick and the fee model', () => {
    for (const [field, range] of Object.entries(STRATEGY_LIMITS)) {
      if (typeof range === 'object' && field !== 'gridCapitalPerSymbolPercent') {
        expect(prompt).toContain(`${field}: ${range.min} to ${range.max}`);
      }
    }
    expect(prompt).toContain(`at least ${STRATEGY_LIMITS.minRewardRisk}`);
    expect(prompt).toContain('Symbol: ETH/USD');
    expect(prompt).toContain('"timeframe": "4h"');
    expect(prompt).toContain('Risk level: HIGH');
    expect(prompt).toContain('0.26 %');
    expect(prompt).toContain('0.52 %');
  });

  it('shows worked examples that are valid strategies', () => {
    for (const id of EXAMPLE_TEMPLATE_IDS) {
      const t = STRATEGY_TEMPLATES.find((x) => x.id === id)!;
      expect(prompt).toContain(JSON.stringify(t.strategy, null, 2));
      expect(checkStrategy(t.strategy).ok).toBe(true);
    }
  });

  it('offers both tools, says when a grid fits, and gives every grid field its range and a valid example', () => {
    expect(prompt).toContain(`\`${STRATEGY_TOOL_NAME}\``);
    expect(prompt).toContain(`\`${GRID_TOOL_NAME}\``);
    expect(prompt).toMatch(/range-bound/);
    expect(prompt).toContain('- levelsPerSide: 1 to 25; required');
    expect(prompt).toContain('- spacingAtrMultiple: 0.1 to 5; required');
    const capital = STRATEGY_LIMITS.gridCapitalPerSymbolPercent;
    expect(prompt).toContain(`- capitalPerSymbolPercent: ${capital.min} to ${capital.max} (percent); required`);
    expect(prompt).toContain('- stopLossPercent: 1 to 10 (percent); optional');
    expect(prompt).toContain(
      '- trendFilter: (fastEma 2 to 200, slowEma 3 to 400); default {"fastEma":20,"slowEma":50}',
    );
    const gridOwn = Object.keys(GridStrategy.shape).filter(
      (k) => !['kind', 'name', 'description', 'symbols', 'timeframe', 'riskLevel'].includes(k),
    );
    expect(Object.keys(GRID_FIELD_DOCS).sort()).toEqual(gridOwn.sort());
    const example = STRATEGY_TEMPLATES.find((x) => x.id === GRID_EXAMPLE_TEMPLATE_ID)!.strategy;
    expect(prompt).toContain(JSON.stringify(example, null, 2));
    expect(validateDefinition(example)).toMatchObject({ ok: true, definition: { kind: 'grid' } });
  });
});

describe('the strategy tool', () => {
  it("has the strategy zod schema's JSON Schema as its input schema (an object, every field)", () => {
    const tool = strategyTool();
    expect(tool.name).toBe(STRATEGY_TOOL_NAME);
    // The model must call one of the tools, once.
    expect(STRATEGY_TOOL_CHOICE).toEqual({ type: 'any', disable_parallel_tool_use: true });
    expect(strategyTools().map((t) => t.name)).toEqual([STRATEGY_TOOL_NAME, GRID_TOOL_NAME]);
    const schema = tool.input_schema;
    expect(schema.type).toBe('object');
    expect(schema).not.toHaveProperty('$schema');
    const shape = Object.keys(Strategy.shape);
    expect(Object.keys(schema.properties).sort()).toEqual(shape.sort());
    expect(schema.required).toEqual(
      expect.arrayContaining(['name', 'symbols', 'entryConditions', 'stopLossPercent', 'positionSizePercent']),
    );
    expect(schema.properties.stopLossPercent).toMatchObject({
      minimum: STRATEGY_LIMITS.stopLossPercent.min,
      maximum: STRATEGY_LIMITS.stopLossPercent.max,
    });
    // Defaulted fields are optional on the input side.
    expect(schema.required).not.toContain('description');
    expect(schema.required).not.toContain('exitConditions');
  });

  it("has the grid zod schema's JSON Schema as the grid tool's input schema", () => {
    const tool = gridTool();
    expect(tool.name).toBe(GRID_TOOL_NAME);
    const schema = tool.input_schema;
    expect(schema.type).toBe('object');
    expect(schema).not.toHaveProperty('$schema');
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(GridStrategy.shape).sort());
    expect(schema.properties.kind).toMatchObject({ const: 'grid' });
    expect(schema.required).toEqual(
      expect.arrayContaining(['levelsPerSide', 'spacingAtrMultiple', 'capitalPerSymbolPercent', 'symbols']),
    );
    expect(schema.required).not.toContain('stopLossPercent');
    expect(schema.properties.capitalPerSymbolPercent).toMatchObject({
      minimum: STRATEGY_LIMITS.gridCapitalPerSymbolPercent.min,
      maximum: STRATEGY_LIMITS.gridCapitalPerSymbolPercent.max,
    });
  });
});

describe('the model list', () => {
  const list = loadModelList(path.join(ROOT, AI_MODELS_FILE));

  it('offers the current models with their prices, the settings default among them', () => {
    expect(list.default).toBe('claude-sonnet-5-5');
    const price = (id: string) => list.models.find((m) => m.id === id);
    expect(price('claude-sonnet-5-5')).toMatchObject({ inputPerMTok: 2, outputPerMTok: 10 });
    expect(price('claude-haiku-4-5')).toMatchObject({ inputPerMTok: 1, outputPerMTok: 5 });
    expect(price('claude-opus-5')).toMatchObject({ inputPerMTok: 5, outputPerMTok: 25 });
  });

  it('estimates the cost of a request from its tokens, exactly', () => {
    expect(estimateCostUsd(list.models[0], 5200, 420)).toBe(0.0146);
    expect(estimateCostUsd(list.models[0], 1, 0)).toBe(0.000002);
    expect(estimateCostUsd(undefined, 1000, 1000)).toBe(0);
  });

  it('refuses a malformed list, saying which file', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tw-models-')), 'models.json');
    fs.writeFileSync(file, JSON.stringify({ default: 'x', models: [] }));
    expect(() => loadModelList(file)).toThrow(/models\.json is malformed/);
    fs.rmSync(path.dirname(file), { recursive: true });
  });

  it('is packaged with the prompt template (electron-builder.yml files)', () => {
    const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
    const config = yaml.load(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as { files: string[] };
    const packed = (file: string) =>
      config.files.reduce(
        (inc, p) => (p.startsWith('!') ? (minimatch(file, p.slice(1)) ? false : inc) : inc || minimatch(file, p)),
        false,
      );
    expect(packed(AI_MODELS_FILE)).toBe(true);
    expect(packed(STRATEGY_PROMPT_FILE)).toBe(true);
  });
});
