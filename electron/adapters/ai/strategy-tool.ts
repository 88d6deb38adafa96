/**
 * The tools Claude answers a strategy request with: `submit_strategy` (a signal strategy) and
 * `submit_grid_strategy` (an ATR grid). Each input schema is generated from its zod schema
 * (shared/domain/strategy.ts) with zod 4's z.toJSONSchema, so the tools and the validator never
 * drift. The Messages API wants an object at the top of an input schema, so the two kinds are two
 * tools rather than one union; tool_choice "any" makes the model call one of them (exactly one: no
 * parallel calls). The tool called decides the kind. The schemas are the *input* side (defaulted
 * fields optional); the cross-field rules of .superRefine (reward/risk, confirm timeframes) are not
 * expressible in JSON Schema and are stated in the prompt and checked after the answer.
 */
import { z } from 'zod';
import { GridStrategy, Strategy } from '../../../shared/domain/strategy.js';

export const STRATEGY_TOOL_NAME = 'submit_strategy';
export const GRID_TOOL_NAME = 'submit_grid_strategy';
export const STRATEGY_TOOL_NAMES = [STRATEGY_TOOL_NAME, GRID_TOOL_NAME] as const;
export type StrategyToolName = (typeof STRATEGY_TOOL_NAMES)[number];

export type ToolInputSchema = { type: 'object'; properties: Record<string, unknown>; [key: string]: unknown };

export type ToolDefinition = { name: string; description: string; input_schema: ToolInputSchema };

/** A zod object schema as the Messages API takes it: an object at the top, no $schema line. */
function inputSchemaOf(schema: z.ZodType, label: string): ToolInputSchema {
  const generated = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' });
  const { $schema: _dialect, ...rest } = generated as Record<string, unknown>;
  if (rest.type !== 'object' || typeof rest.properties !== 'object' || rest.properties === null) {
    throw new Error(`the ${label} schema does not describe an object; its tool cannot be built`);
  }
  return rest as ToolInputSchema;
}

export function strategyInputSchema(): ToolInputSchema {
  return inputSchemaOf(Strategy, 'signal strategy');
}

export function gridInputSchema(): ToolInputSchema {
  return inputSchemaOf(GridStrategy, 'grid strategy');
}

export function strategyTool(): ToolDefinition {
  return {
    name: STRATEGY_TOOL_NAME,
    description:
      'Submit a signal trading strategy as JSON: entry and exit conditions in the strategy language described in the system prompt, a stop loss, a take profit and a position size; the percent fields are percents (2 means 2 %).',
    input_schema: strategyInputSchema(),
  };
}

export function gridTool(): ToolDefinition {
  return {
    name: GRID_TOOL_NAME,
    description:
      'Submit an ATR grid strategy as JSON ("kind": "grid"): buy levels spaced by a multiple of the ATR below the price, each sold one spacing higher, with an EMA trend filter; for range-bound, mean-reverting markets. The percent fields are percents (20 means 20 %).',
    input_schema: gridInputSchema(),
  };
}

/** Both tools, the signal strategy first. */
export function strategyTools(): ToolDefinition[] {
  return [strategyTool(), gridTool()];
}

/** The model must call one of the tools, once. */
export const STRATEGY_TOOL_CHOICE = { type: 'any', disable_parallel_tool_use: true } as const;

export function isStrategyToolName(name: string): name is StrategyToolName {
  return (STRATEGY_TOOL_NAMES as readonly string[]).includes(name);
}
