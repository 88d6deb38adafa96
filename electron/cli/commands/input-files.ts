/**
 * The files the CLI reads: text, JSON with the line and column of a syntax error, and strategy
 * files checked with every problem on its line. A problem with the data is a CliDataError (exit 1).
 */
import fs from 'node:fs';
import { GridStrategy, type Strategy, type StrategyDefinition } from '../../../shared/domain/strategy.js';
import { checkStrategy } from '../../engine/strategy/program.js';

/** A problem with the data (a file that cannot be read, a strategy or CSV with errors): exit code 1. */
export class CliDataError extends Error {
  override readonly name = 'CliDataError';
}

export function readText(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliDataError(
      `cannot read the ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
}

/**
 * Where JSON text goes wrong: the shortest prefix whose parse fails for a reason other than its
 * end (found by bisection; V8's messages do not always carry a position).
 */
function jsonErrorOffset(text: string): number {
  const broken = (k: number) => {
    try {
      JSON.parse(text.slice(0, k));
      return false;
    } catch (error) {
      const message = error instanceof Error ? error.message : '';
      const at = /position (\d+)/.exec(message);
      // An error at the very end of the prefix only means the text continues.
      return at ? Number(at[1]) < k : !/end of JSON input|unterminated/i.test(message);
    }
  };
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (broken(mid + 1)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** JSON.parse with the line and column of a syntax error. */
export function parseJsonFile(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const before = text.slice(0, jsonErrorOffset(text)).split('\n');
    const where = `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
    throw new CliDataError(`${file} is not valid JSON at ${where}: ${message}`);
  }
}

/** A signal strategy or a grid strategy (optimize sweeps both), checked, with each problem on its line. */
export function loadDefinition(file: string): StrategyDefinition {
  const json = parseJsonFile(readText(file, 'strategy file'), file);
  if (typeof json !== 'object' || json === null || (json as { kind?: unknown }).kind !== 'grid')
    return loadStrategy(file);
  const grid = GridStrategy.safeParse(json);
  if (grid.success) return grid.data;
  const lines = grid.error.issues.map((i) => `  ${i.path.length > 0 ? i.path.join('.') : '(top level)'}: ${i.message}`);
  throw new CliDataError(`${file}: the grid strategy has ${grid.error.issues.length} problem(s):\n${lines.join('\n')}`);
}

/** The strategy file: schema and condition problems, each with its JSON path, position and suggestion. */
export function loadStrategy(file: string): Strategy {
  const json = parseJsonFile(readText(file, 'strategy file'), file);
  if (typeof json === 'object' && json !== null && (json as { kind?: unknown }).kind === 'grid') {
    throw new CliDataError(`${file}: grid strategies cannot be backtested yet; give a signal strategy`);
  }
  const checked = checkStrategy(json);
  if (checked.ok) return checked.strategy;
  const lines = checked.issues.map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    const c = issue.condition;
    if (!c) return `  ${where}: ${issue.message}`;
    const suggestion = c.suggestion !== undefined ? ` (did you mean "${c.suggestion}"?)` : '';
    return `  ${where} at line ${c.line}, column ${c.column}: ${c.message}${suggestion}`;
  });
  throw new CliDataError(`${file}: the strategy has ${checked.issues.length} problem(s):\n${lines.join('\n')}`);
}
