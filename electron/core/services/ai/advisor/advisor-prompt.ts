/**
 * The advisor's request to Claude and the reading of its answer. One request per run: a system
 * prompt (versioned), the market state as JSON, and one tool, `decide`, that Claude must call
 * (tool_choice forced). The tool's input schema is generated from the zod schema the answer is
 * parsed with, so the two never drift.
 */
import type { Message, MessageCreateParamsNonStreaming, Tool } from '@anthropic-ai/sdk/resources/messages/messages';
import { z } from 'zod';
import type { AdvisorSettings } from '../../../../../shared/domain/ai.js';
import type { MarketState } from './market-state.js';

export const ADVISOR_PROMPT_VERSION = 'advisor-1';
export const ADVISOR_TOOL = 'decide';
const MAX_TOKENS = 2048;

const decisionShape = (symbol: z.ZodType<string>) =>
  z
    .object({
      symbol,
      action: z.enum(['BUY', 'SELL', 'HOLD']),
      sizePercent: z
        .number()
        .min(0)
        .max(100)
        .describe('BUY: percent of the account equity to spend; SELL: percent of the position held to sell; HOLD: 0'),
      reasoning: z.string().trim().min(1).max(2000).describe('Why, in two or three sentences a trader can check'),
    })
    .strict();

/** What the answer is parsed with: any symbol (one the advisor does not watch is skipped, not fatal). */
export const DecideInput = z
  .object({
    decisions: z
      .array(decisionShape(z.string().min(1).max(40)))
      .min(1)
      .max(20),
  })
  .strict();
export type DecideInput = z.infer<typeof DecideInput>;
export type ProposedDecision = DecideInput['decisions'][number];

/** The tool's input schema: the same shape, with the watched symbols as an enum. */
export function decideInputSchema(symbols: readonly string[]): Tool.InputSchema {
  const [first, ...rest] = symbols;
  const symbol = first === undefined ? z.string() : z.enum([first, ...rest]);
  const schema = z.object({ decisions: z.array(decisionShape(symbol)).min(1).max(20) }).strict();
  const { $schema: _drop, ...json } = z.toJSONSchema(schema) as Record<string, unknown>;
  return { ...json, type: 'object' };
}

/** `instructions`: an arena advisor's own, from the trader; they add to the rules, never replace them. */
export function systemPrompt(s: AdvisorSettings, instructions = ''): string {
  const own = instructions.trim();
  return [
    `You are the trading advisor of a crypto trading workstation (prompt ${ADVISOR_PROMPT_VERSION}).`,
    'You trade a simulated or paper account only. You receive the market state of the watched symbols',
    `(recent ${s.timeframe} candles and indicator values), the portfolio and the open orders.`,
    `Decide for each watched symbol (${s.symbols.join(', ')}) exactly once: BUY, SELL or HOLD, by calling the`,
    `"${ADVISOR_TOOL}" tool. Sizes: a BUY spends sizePercent of the account equity (at most`,
    `${s.maxOrderPercent}%, larger sizes are cut to that); a SELL sells sizePercent of the position held`,
    '(there is no short selling: SELL only what is held); HOLD has size 0. Orders are market orders.',
    'Every order still passes the risk gate, which may refuse it. Prefer HOLD when the signals disagree.',
    'Give the reasoning a trader can check against the numbers you were given; do not invent data.',
    ...(own ? ["The trader's instructions for you (follow them within the rules above):", own] : []),
  ].join('\n');
}

export function buildAdvisorRequest(
  model: string,
  settings: AdvisorSettings,
  state: MarketState,
  instructions = '',
): MessageCreateParamsNonStreaming {
  return {
    model,
    max_tokens: MAX_TOKENS,
    system: systemPrompt(settings, instructions),
    tools: [
      {
        name: ADVISOR_TOOL,
        description: 'Record one decision (BUY, SELL or HOLD, with size and reasoning) per watched symbol.',
        input_schema: decideInputSchema(settings.symbols),
      },
    ],
    tool_choice: { type: 'tool', name: ADVISOR_TOOL },
    messages: [
      {
        role: 'user',
        content: `Market state, portfolio and open orders (JSON):\n${JSON.stringify(state)}`,
      },
    ],
  };
}

/** Why an answer could not be used; the message is shown with the run's decisions. */
export class AdvisorAnswerError extends Error {}

/** The decisions of Claude's `decide` call; throws an AdvisorAnswerError saying what was wrong. */
export function parseDecisions(message: Message): ProposedDecision[] {
  const call = message.content.find((b) => b.type === 'tool_use' && b.name === ADVISOR_TOOL);
  if (!call || call.type !== 'tool_use') {
    throw new AdvisorAnswerError(`Claude did not call the "${ADVISOR_TOOL}" tool (stop reason ${message.stop_reason})`);
  }
  const parsed = DecideInput.safeParse(call.input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
    throw new AdvisorAnswerError(`Claude's decisions are invalid: ${issues}`);
  }
  return parsed.data.decisions;
}
