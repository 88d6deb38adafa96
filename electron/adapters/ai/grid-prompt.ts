/**
 * The grid part of the strategy prompt: the grid's own fields with their ranges and defaults read
 * from the live GridStrategy schema (the grid tool's input schema), what each one does (the rule of
 * electron/engine/grid/README.md), and the built-in ATR grid template as the worked example.
 */
import { STRATEGY_TEMPLATES } from '../../../shared/domain/strategy.js';
import { gridInputSchema } from './strategy-tool.js';

/** The grid's own fields (the shared ones: name, description, symbols, timeframe, riskLevel) and what they do. */
export const GRID_FIELD_DOCS: Readonly<Record<string, string>> = {
  levelsPerSide: 'how many buy levels below the price',
  spacingAtrMultiple:
    'the distance between levels as a multiple of ATR(atrPeriod); it must clear the round-trip cost by a wide margin',
  atrPeriod: 'the ATR period the spacing is measured with',
  trendFilter:
    'EMA trend filter {"fastEma", "slowEma"} (fastEma < slowEma): while EMA(fastEma) < EMA(slowEma) no new buys and working buys are withdrawn',
  capitalPerSymbolPercent: 'the percent of equity the grid may hold in the symbol, split evenly over the levels',
  atrSpikePercent:
    'circuit breaker: ATR rising more than this percent within one candle pauses the grid (buys withdrawn, sells stay)',
  stopLossPercent: 'everything held is sold when the price falls this percent below the lowest held level',
};

/** The built-in template shown as the grid's worked example (tested to be valid). */
export const GRID_EXAMPLE_TEMPLATE_ID = 'atr-grid';

type Property = { minimum?: number; maximum?: number; default?: unknown; properties?: Record<string, Property> };

function range(p: Property): string {
  return p.minimum !== undefined && p.maximum !== undefined ? ` ${p.minimum} to ${p.maximum}` : '';
}

/** One line per grid field: its range (nested ones for the trend filter), its default, what it does. */
export function describeGridFields(): string {
  const schema = gridInputSchema();
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const properties = schema.properties as Record<string, Property>;
  return Object.entries(GRID_FIELD_DOCS)
    .map(([field, doc]) => {
      const p = properties[field];
      if (!p) throw new Error(`the grid prompt describes "${field}", which the grid schema does not have`);
      const nested = p.properties
        ? ` (${Object.entries(p.properties)
            .map(([k, v]) => `${k}${range(v)}`)
            .join(', ')})`
        : '';
      const unit = field.endsWith('Percent') ? ' (percent)' : '';
      const status = required.has(field)
        ? 'required'
        : p.default !== undefined
          ? `default ${JSON.stringify(p.default)}`
          : 'optional';
      return `- ${field}:${range(p)}${unit}${nested}; ${status}; ${doc}`;
    })
    .join('\n');
}

export function describeGridExample(): string {
  const t = STRATEGY_TEMPLATES.find((x) => x.id === GRID_EXAMPLE_TEMPLATE_ID);
  if (!t) throw new Error(`the prompt's grid example "${GRID_EXAMPLE_TEMPLATE_ID}" is not a built-in template`);
  return `${t.title}:\n\n\`\`\`json\n${JSON.stringify(t.strategy, null, 2)}\n\`\`\``;
}
