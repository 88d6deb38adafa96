/**
 * The tool Claude must call to answer a strategy request: its input schema is generated from the
 * strategy zod schema (shared/domain/strategy.ts) with zod 4's z.toJSONSchema, so the tool and the
 * validator never drift. The schema is the *input* side (defaulted fields optional); the
 * cross-field rules of .superRefine (reward/risk, confirm timeframes) are not expressible in JSON
 * Schema and are stated in the prompt and checked after the answer.
 */
import { z } from 'zod';
import { Strategy } from '../../../shared/domain/strategy.js';

export const STRATEGY_TOOL_NAME = 'submit_strategy';

export type ToolInputSchema = { type: 'object'; properties: Record<string, unknown>; [key: string]: unknown };

export type ToolDefinition = { name: string; description: string; input_schema: ToolInputSchema };

/** The strategy's JSON Schema as the Messages API takes it: an object at the top, no $schema line. */
export function strategyInputSchema(): ToolInputSchema {
  const generated = z.toJSONSchema(Strategy, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' });
  const { $schema: _dialect, ...schema } = generated as Record<string, unknown>;
  if (schema.type !== 'object' || typeof schema.properties !== 'object' || schema.properties === null) {
    throw new Error('the strategy schema does not describe an object; the strategy tool cannot be built');
  }
  return schema as ToolInputSchema;
}

export function strategyTool(): ToolDefinition {
  return {
    name: STRATEGY_TOOL_NAME,
    description:
      'Submit the trading strategy as JSON. Conditions are strings in the strategy language described in the system prompt; the percent fields are percents (2 means 2 %).',
    input_schema: strategyInputSchema(),
  };
}

/** Forces the model to answer through the strategy tool. */
export const STRATEGY_TOOL_CHOICE = { type: 'tool', name: STRATEGY_TOOL_NAME } as const;
