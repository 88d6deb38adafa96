/**
 * Judges one answer of Claude: the input of the tool it called (submit_strategy: a signal strategy;
 * submit_grid_strategy: a grid, whatever its "kind" says), checked with the same validation as a
 * hand-written strategy (validateDefinition: the schema and the condition parser, with positions
 * and suggestions) plus the trader's pick (symbol, timeframe). Risk values
 * outside their ranges are told apart from other problems: if clamping them is all it takes, the
 * answer is OUT_OF_RANGE (never silently clamped); anything else is invalid and goes back to the
 * model in a repair round, as the exact list of issues.
 */
import type { OutOfRange } from '../../../../shared/domain/ai.js';
import { clause } from '../../../../shared/format/text.js';
import type { Timeframe } from '../../../../shared/domain/market.js';
import type { StrategyDefinition } from '../../../../shared/domain/strategy.js';
import type { ValidationIssue } from '../../../../shared/domain/strategy-library.js';
import type { AiMessage } from '../../../adapters/ai/client.js';
import {
  GRID_TOOL_NAME,
  isStrategyToolName,
  STRATEGY_TOOL_NAME,
  type StrategyToolName,
} from '../../../adapters/ai/strategy-tool.js';
import { validateDefinition } from '../strategies/strategy-service.js';
import { checkRanges } from './ranges.js';

export type Pick = { symbol: string; timeframe: Timeframe };

export type AnswerCheck =
  | { kind: 'valid'; definition: StrategyDefinition }
  | { kind: 'out-of-range'; outOfRange: OutOfRange[]; clamped: StrategyDefinition; issues: ValidationIssue[] }
  | { kind: 'invalid'; issues: ValidationIssue[] };

export type JudgedAnswer = {
  /** The strategy tool's input, its kind set by the tool (null when no strategy tool was called). */
  input: unknown;
  /** The strategy tool called (null when none was). */
  tool: StrategyToolName | null;
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
  if (typeof input.timeframe === 'string' && input.timeframe !== pick.timeframe) {
    issues.push(
      issue(['timeframe'], `the trader picked the ${pick.timeframe} timeframe: use "timeframe": "${pick.timeframe}"`),
    );
  }
  if (Array.isArray(input.symbols) && !input.symbols.includes(pick.symbol)) {
    issues.push(issue(['symbols'], `the trader picked ${pick.symbol}: use "symbols": ["${pick.symbol}"]`));
  }
  return issues;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The tool decides the kind: a grid tool's input is a grid; a signal tool's input may not claim to be one. */
function withKind(input: unknown, tool: StrategyToolName): unknown {
  if (!isObject(input)) return input;
  return tool === GRID_TOOL_NAME ? { ...input, kind: 'grid' } : input;
}

function kindIssues(input: Record<string, unknown>, tool: StrategyToolName): ValidationIssue[] {
  if (tool !== STRATEGY_TOOL_NAME || input.kind === undefined || input.kind === 'signal') return [];
  return [
    issue(
      ['kind'],
      `${STRATEGY_TOOL_NAME} takes a signal strategy (leave "kind" out); call ${GRID_TOOL_NAME} for a grid strategy`,
    ),
  ];
}

function judgeInput(input: unknown, pick: Pick, tool: StrategyToolName): AnswerCheck {
  if (!isObject(input)) {
    return { kind: 'invalid', issues: [issue([], 'the tool input must be the strategy as a JSON object')] };
  }
  const extra = [...kindIssues(input, tool), ...pickIssues(input, pick)];
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
  const call = message.content.find((b) => b.type === 'tool_use' && isStrategyToolName(b.name));
  if (!call || call.type !== 'tool_use' || !isStrategyToolName(call.name)) {
    const cut = message.stop_reason === 'max_tokens' ? ' (the answer was cut off at the token limit)' : '';
    return {
      input: null,
      tool: null,
      rawAnswer,
      check: {
        kind: 'invalid',
        issues: [
          issue(
            [],
            `the answer did not call the ${STRATEGY_TOOL_NAME} tool or the ${GRID_TOOL_NAME} tool${cut}; call one of them with the strategy as its JSON input, not as text`,
          ),
        ],
      },
    };
  }
  const input = withKind(call.input, call.name);
  return { input, tool: call.name, rawAnswer, check: judgeInput(input, pick, call.name) };
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
      const where =
        i.path.length > 0 ? i.path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.') : 'the answer';
      const at = i.position ? ` at column ${i.position.column}` : '';
      const fix = i.suggestion !== null ? `; did you mean "${i.suggestion}"?` : '';
      return `- ${where.replace(/\.\[/g, '[')}${conditionText(i.path)}${at}: ${fix ? clause(i.message) : i.message}${fix}`;
    })
    .join('\n');
}
