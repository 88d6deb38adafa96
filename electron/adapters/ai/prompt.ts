/**
 * The strategy-generation prompt: a versioned template file (prompts/strategy-v2.md, first line
 * "prompt-version: ...") filled at runtime from the live schema and language: every value and
 * named condition of the catalog (electron/engine/strategy/catalog.ts), the language's keywords,
 * the risk ranges (STRATEGY_LIMITS), the timeframes and regimes, the grid's fields and ranges
 * (grid-prompt.ts), the trader's symbol, timeframe and risk level, the fee model, and worked
 * examples taken from the built-in templates (which are tested to be valid).
 */
import fs from 'node:fs';
import { TIMEFRAMES, type Timeframe } from '../../../shared/domain/market.js';
import {
  MARKET_REGIMES,
  STRATEGY_LIMITS,
  STRATEGY_TEMPLATES,
  Sizing,
  type RiskLevel,
} from '../../../shared/domain/strategy.js';
import { INDICATORS, NAMED_CONDITIONS, UNIT_TEXT, type IndicatorDef } from '../../engine/strategy/catalog.js';
import { describeGridExample, describeGridFields } from './grid-prompt.js';
import { GRID_TOOL_NAME, STRATEGY_TOOL_NAME } from './strategy-tool.js';

export const STRATEGY_PROMPT_FILE = 'electron/adapters/ai/prompts/strategy-v2.md';

export type PromptTemplate = { version: string; text: string };

export type StrategyPromptInput = {
  symbol: string;
  timeframe: Timeframe;
  riskLevel: RiskLevel;
  /** Fee per fill as a fraction of the notional (settings.defaultFeeRate). */
  feeRate: number;
};

/** Words and operators the condition parser accepts (language.test.ts and prompt.test.ts parse each). */
export const LANGUAGE_KEYWORDS = [
  'AND',
  'OR',
  'NOT',
  '&&',
  '||',
  '!',
  'crosses above',
  'crosses below',
  '<',
  '<=',
  '>',
  '>=',
  '*',
  '%',
  '@',
] as const;

/** The worked examples: built-in templates that show the language's range (named, crosses, @, %). */
export const EXAMPLE_TEMPLATE_IDS = ['rsi-mean-reversion', 'macd-momentum', 'bollinger-breakout'] as const;

/** Reads the template; its first line names the version. */
export function loadPromptTemplate(file: string): PromptTemplate {
  const raw = fs.readFileSync(file, 'utf8');
  const newline = raw.indexOf('\n');
  const first = (newline < 0 ? raw : raw.slice(0, newline)).trim();
  const match = /^prompt-version:\s*(\S+)$/.exec(first);
  if (!match?.[1]) throw new Error(`the prompt template ${file} does not start with "prompt-version: <version>"`);
  return { version: match[1], text: raw.slice(newline + 1).trimStart() };
}

function describeIndicator(d: IndicatorDef): string {
  const params = d.params
    .map((p) => `${p.name} ${p.min}-${p.max}${p.default !== null ? ` (${p.default})` : ' (required)'}`)
    .join(', ');
  const [name, ...aliases] = d.names;
  const call = d.params.length > 0 ? `${name}(${d.params.map((p) => p.name).join(', ')})` : name;
  const parts = [
    `- ${call}: ${d.doc}; ${UNIT_TEXT[d.unit]}`,
    params ? `; parameters: ${params}` : '',
    d.suffixParam ? `; ${name}_n sets the ${d.params[0]!.name}` : '',
    aliases.length > 0 ? `; also written ${aliases.join(', ')}` : '',
  ];
  return parts.join('');
}

export function describeIndicators(): string {
  return INDICATORS.map(describeIndicator).join('\n');
}

export function describeNamedConditions(): string {
  return Object.entries(NAMED_CONDITIONS)
    .map(([name, text]) => `- ${name}: ${text}`)
    .join('\n');
}

export function describeLimits(): string {
  const L = STRATEGY_LIMITS;
  const range = (label: string, r: { min: number; max: number }, note = '') =>
    `- ${label}: ${r.min} to ${r.max} (percent${note})`;
  return [
    range('stopLossPercent', L.stopLossPercent),
    range('takeProfitPercent', L.takeProfitPercent),
    range('positionSizePercent', L.positionSizePercent),
    range('trailingStopPercent', L.trailingStopPercent, '; optional'),
    `- reward/risk: takeProfitPercent / stopLossPercent at least ${L.minRewardRisk}`,
  ].join('\n');
}

function describeExamples(): string {
  return EXAMPLE_TEMPLATE_IDS.map((id) => {
    const t = STRATEGY_TEMPLATES.find((x) => x.id === id);
    if (!t) throw new Error(`the prompt's worked example "${id}" is not a built-in template`);
    return `${t.title}:\n\n\`\`\`json\n${JSON.stringify(t.strategy, null, 2)}\n\`\`\``;
  }).join('\n\n');
}

function percent(fraction: number): string {
  return String(Number((fraction * 100).toPrecision(6)));
}

/** The system prompt for one request; throws if the template names a placeholder this code does not fill. */
export function buildStrategyPrompt(template: PromptTemplate, input: StrategyPromptInput): string {
  const values: Record<string, string> = {
    TOOL_NAME: STRATEGY_TOOL_NAME,
    GRID_TOOL_NAME,
    GRID_FIELDS: describeGridFields(),
    GRID_EXAMPLE: describeGridExample(),
    SYMBOL: input.symbol,
    TIMEFRAME: input.timeframe,
    RISK_LEVEL: input.riskLevel,
    TIMEFRAMES: TIMEFRAMES.join(', '),
    LIMITS: describeLimits(),
    MIN_REWARD_RISK: String(STRATEGY_LIMITS.minRewardRisk),
    FEE_PERCENT: percent(input.feeRate),
    ROUND_TRIP_PERCENT: percent(input.feeRate * 2),
    KEYWORDS: LANGUAGE_KEYWORDS.map((k) => `\`${k}\``).join(', '),
    INDICATORS: describeIndicators(),
    NAMED_CONDITIONS: describeNamedConditions(),
    REGIMES: MARKET_REGIMES.join(', '),
    SIZING: Sizing.options.map((o) => `"${o.shape.method.value}"`).join(', '),
    EXAMPLES: describeExamples(),
  };
  return template.text.replace(/\{\{([A-Z_]+)\}\}/g, (whole, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`the prompt template uses an unknown placeholder ${whole}`);
    return value;
  });
}

/** The user turn: the trader's request, with the choice repeated so a refine keeps it. */
export function strategyUserMessage(request: string, input: StrategyPromptInput): string {
  return `${request.trim()}\n\n(Symbol: ${input.symbol}; Timeframe: ${input.timeframe}; Risk level: ${input.riskLevel})`;
}
