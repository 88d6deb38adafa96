/**
 * Judges one answer of Claude: the strategy tool's input, checked with the same validation as a
 * hand-written strategy (validateDefinition: the schema and the condition parser, with positions
 * and suggestions) plus the trader's pick (symbol, timeframe, a signal strategy). Risk values
 * outside their ranges are told apart from other problems: if clamping them is all it takes, the
 * answer is OUT_OF_RANGE (never silently clamped); anything else is invalid and goes back to the
 * model in a repair round, as the exact list of issues.
 */
import type { OutOfRange } from '../../../../shared/domain/ai.js';
import type { Timeframe } from '../../../../shared/domain/market.js';
import type { StrategyDefinition } from '../../../../shared/domain/strategy.js';
import type { ValidationIssue } from '../../../../shared/domain/strategy-library.js';
import type { AiMessage } from '../../../adapters/ai/client.js';
import { STRATEGY_TOOL_NAME } from '../../../adapters/ai/strategy-tool.js';
import { validateDefinition } from '../strategies/strategy-service.js';
import { checkRanges } from './ranges.js';

export type Pick = { symbol: string; timeframe: Timeframe };

export type AnswerCheck =
  | { kind: 'valid'; definition: StrategyDefinition }
  | { kind: 'out-of-range'; outOfRange: OutOfRange[]; clamped: StrategyDefinition; issues: ValidationIssue[] }
  | { kind: 'invalid'; issues: ValidationIssue[] };

export type JudgedAnswer = {
  /** The strategy tool's input (null when the tool was not called). */
  input: unknown;
  /** The answer as Claude sent it (every content block), for the user to read. */
  rawAnswer: string;
  check: AnswerCheck;
};

const issue = (path: (string | number)[], message: string): ValidationIssue => ({
  path,
  message,
  position: null,
  suggestion: null,
});

function pickIssues(input: Record<string, unknown>, pick: Pick): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (input.kind === 'grid') issues.push(issue(['kind'], 'answer with a signal strategy (entry and exit conditions), not a grid'));
  if (typeof input.timeframe === 'string' && input.timeframe !== pick.timeframe) {
    issues.push(issue(['timeframe'], `the trader picked the ${pick.timeframe} timeframe: use "timeframe": "${pick.timeframe}"`));
  }
  if (Array.isArray(input.symbols) && !input.symbols.includes(pick.symbol)) {
    issues.push(issue(['symbols'], `the trader picked ${pick.symbol}: use "symbols": ["${pick.symbol}"]`));
  }
  return issues;
}

function judgeInput(input: unknown, pick: Pick): AnswerCheck {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { kind: 'invalid', issues: [issue([], 'the tool input must be the strategy as a JSON object')] };
  }
  const extra = pickIssues(input as Record<string, unknown>, pick);
  const validated = validateDefinition(input);
  if (validated.ok && extra.length === 0) return { kind: 'valid', definition: validated.definition };
  const issues = [...(validated.ok ? [] : validated.issues), ...extra];
  const ranges = checkRanges(input);
  if (ranges.clamped !== null && extra.length === 0) {
    const clamped = validateDefinition(ranges.clamped);
    if (clamped.ok) return { kind: 'out-of-range', outOfRange: ranges.outOfRange, clamped: clamped.definition, issues };
  }
  return { kind: 'invalid', issues };
}

export function judgeAnswer(message: AiMessage, pick: Pick): JudgedAnswer {
  const rawAnswer = JSON.stringify(message.content, null, 2);
  const call = message.content.find((b) => b.type === 'tool_use' && b.name === STRATEGY_TOOL_NAME);
  if (!call || call.type !== 'tool_use') {
    const cut = message.stop_reason === 'max_tokens' ? ' (the answer was cut off at the token limit)' : '';
    return {
      input: null,
      rawAnswer,
      check: {
        kind: 'invalid',
        issues: [
          issue(
            [],
            `the answer did not call the ${STRATEGY_TOOL_NAME} tool${cut}; call ${STRATEGY_TOOL_NAME} with the strategy as its JSON input, not as text`,
          ),
        ],
      },
    };
  }
  return { input: call.input, rawAnswer, check: judgeInput(call.input, pick) };
}

/** The issues as the model reads them in the repair round: one line each, with the path, position and fix. */
export function describeForModel(issues: readonly ValidationIssue[], input: unknown): string {
  const conditionText = (path: readonly (string | number)[]) => {
    const [field, index] = path;
    const list = (input as Record<string, unknown> | null)?.[String(field)];
    return Array.isArray(list) && typeof index === 'number' && typeof list[index] === 'string'
      ? ` "${list[index] as string}"`
      : '';
  };
  return issues
    .map((i) => {
      const where = i.path.length > 0 ? i.path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.') : 'the answer';
      const at = i.position ? ` at column ${i.position.column}` : '';
      const fix = i.suggestion !== null ? `; did you mean "${i.suggestion}"?` : '';
      return `- ${where.replace(/\.\[/g, '[')}${conditionText(i.path)}${at}: ${i.message}${fix}`;
    })
    .join('\n');
}
