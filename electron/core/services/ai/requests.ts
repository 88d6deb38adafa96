/**
 * The opening messages of a generation: the trader's request, or for a refine ("make it less
 * aggressive") the stored generation's request, its strategy as the tool call Claude made, and the
 * new instruction, so the model continues from what it proposed (through the tool of its kind).
 */
import type Anthropic from '@anthropic-ai/sdk';
import type { RiskLevel } from '../../../../shared/domain/strategy.js';
import type { Timeframe } from '../../../../shared/domain/market.js';
import { AppError } from '../../../../shared/ipc/envelope.js';
import { strategyUserMessage, type StrategyPromptInput } from '../../../adapters/ai/prompt.js';
import { GRID_TOOL_NAME, STRATEGY_TOOL_NAME } from '../../../adapters/ai/strategy-tool.js';
import type { AiGenerationRow } from '../../../persistence/repositories/ai-generation-repo.js';

export function firstMessages(request: string, pick: StrategyPromptInput): Anthropic.MessageParam[] {
  return [{ role: 'user', content: strategyUserMessage(request, pick) }];
}

export function refineMessages(
  parent: AiGenerationRow,
  instruction: string,
  pick: StrategyPromptInput,
): Anthropic.MessageParam[] {
  const previous = parent.strategy ?? parent.clampedStrategy;
  if (previous === null || typeof previous !== 'object') {
    throw new AppError(
      'conflict',
      `generation ${parent.id} has no strategy to refine (it ended ${parent.status}); generate a new one instead`,
    );
  }
  const parentPick: StrategyPromptInput = {
    ...pick,
    symbol: parent.symbol,
    timeframe: parent.timeframe as Timeframe,
    riskLevel: parent.riskLevel as RiskLevel,
  };
  const tool = (previous as { kind?: unknown }).kind === 'grid' ? GRID_TOOL_NAME : STRATEGY_TOOL_NAME;
  const callId = `toolu_refine_${parent.id.replace(/[^A-Za-z0-9_]/g, '').slice(0, 40)}`;
  const changed =
    parentPick.symbol !== pick.symbol ||
    parentPick.timeframe !== pick.timeframe ||
    parentPick.riskLevel !== pick.riskLevel;
  return [
    { role: 'user', content: strategyUserMessage(parent.request, parentPick) },
    {
      role: 'assistant',
      content: [{ type: 'tool_use', id: callId, name: tool, input: previous as Record<string, unknown> }],
    },
    {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: callId, content: 'The workstation checked and backtested this strategy.' },
        {
          type: 'text',
          text: `Refine the strategy: ${strategyUserMessage(instruction, pick)}${changed ? '\nNote the new symbol, timeframe or risk level.' : ''}`,
        },
      ],
    },
  ];
}
