/**
 * One generation's conversation with Claude: the first answer and, if it is invalid, exactly one
 * repair round that sends the exact issues back (as an is_error tool_result answering the tool
 * call, or as text when the model did not call the tool). Every attempt is kept with its raw
 * answer, issues, tokens and latency, also when a request fails or is cancelled midway.
 */
import type Anthropic from '@anthropic-ai/sdk';
import type { z } from 'zod';
import type { AttemptView, OutOfRange } from '../../../../shared/domain/ai.js';
import type { StrategyDefinition } from '../../../../shared/domain/strategy.js';
import { clause } from '../../../../shared/format/text.js';
import { AppError } from '../../../../shared/ipc/envelope.js';
import type { AiMessage, MessagesClient } from '../../../adapters/ai/client.js';
import {
  GRID_TOOL_NAME,
  STRATEGY_TOOL_CHOICE,
  STRATEGY_TOOL_NAME,
  strategyTools,
} from '../../../adapters/ai/strategy-tool.js';
import { describeForModel, judgeAnswer, type Pick } from './answer.js';

export type Attempt = z.infer<typeof AttemptView>;
export type Phase = 'generating' | 'validating' | 'repairing';

export type ConversationInput = {
  client: MessagesClient;
  model: string;
  system: string;
  messages: Anthropic.MessageParam[];
  pick: Pick;
  signal: AbortSignal;
  onPhase(phase: Phase, fraction: number, message: string): void;
};

export type ConversationResult =
  | { status: 'VALID'; attempts: Attempt[]; strategy: StrategyDefinition }
  | { status: 'OUT_OF_RANGE'; attempts: Attempt[]; outOfRange: OutOfRange[]; clampedStrategy: StrategyDefinition }
  | { status: 'INVALID'; attempts: Attempt[]; error: string }
  | { status: 'REQUEST_FAILED' | 'CANCELLED'; attempts: Attempt[]; error: string };

export const MAX_TOKENS = 4096;

/** The assistant's answer and the reply to it: every tool call answered by an is_error tool_result. */
function repairTurn(message: AiMessage, issuesText: string, tool: string | null): Anthropic.MessageParam[] {
  const again = tool
    ? `Call ${tool} again with the complete, corrected strategy.`
    : `Call ${STRATEGY_TOOL_NAME} (a signal strategy) or ${GRID_TOOL_NAME} (a grid) with the complete strategy.`;
  const instruction = `The workstation refused this strategy:\n${issuesText}\n${again}`;
  const calls = message.content.filter((b) => b.type === 'tool_use');
  const user: Anthropic.MessageParam =
    calls.length > 0
      ? {
          role: 'user',
          content: calls.map((call, i) => ({
            type: 'tool_result' as const,
            tool_use_id: call.id,
            is_error: true,
            content: i === 0 ? instruction : 'call one tool once: only the first call was read',
          })),
        }
      : { role: 'user', content: instruction };
  return [{ role: 'assistant', content: message.content as Anthropic.ContentBlockParam[] }, user];
}

export async function converse(input: ConversationInput): Promise<ConversationResult> {
  const attempts: Attempt[] = [];
  const messages = [...input.messages];
  for (let round = 1; round <= 2; round++) {
    if (round === 1) input.onPhase('generating', 0.05, `asking ${input.model} for a strategy`);
    else input.onPhase('repairing', 0.35, 'the answer had errors: asking Claude to correct them (one repair round)');
    let answer;
    try {
      answer = await input.client.create(
        {
          model: input.model,
          max_tokens: MAX_TOKENS,
          system: input.system,
          messages,
          tools: strategyTools(),
          tool_choice: STRATEGY_TOOL_CHOICE,
        },
        input.signal,
      );
    } catch (error) {
      const e = error instanceof AppError ? error : new AppError('unavailable', clause(String(error)));
      return { status: e.code === 'cancelled' ? 'CANCELLED' : 'REQUEST_FAILED', attempts, error: e.message };
    }
    input.onPhase('validating', round === 1 ? 0.3 : 0.55, 'checking the strategy with the schema and the parser');
    const { message, latencyMs } = answer;
    const judged = judgeAnswer(message, input.pick);
    const check = judged.check;
    attempts.push({
      round,
      rawAnswer: judged.rawAnswer,
      issues: check.kind === 'valid' ? [] : check.issues,
      tokensIn: message.usage.input_tokens,
      tokensOut: message.usage.output_tokens,
      latencyMs,
    });
    if (check.kind === 'valid') return { status: 'VALID', attempts, strategy: check.definition };
    if (check.kind === 'out-of-range') {
      return { status: 'OUT_OF_RANGE', attempts, outOfRange: check.outOfRange, clampedStrategy: check.clamped };
    }
    if (round === 2) {
      return {
        status: 'INVALID',
        attempts,
        error: `the strategy is still invalid after one repair round: ${check.issues.map((i) => clause(i.message)).join('; ')}`,
      };
    }
    messages.push(...repairTurn(message, describeForModel(check.issues, judged.input), judged.tool));
  }
  throw new Error('unreachable: the conversation ends after two rounds');
}
