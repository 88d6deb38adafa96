/**
 * Ranges of parameter values and the parameter sets a sweep runs.
 *
 * A range is written START:END:STEP (both ends included when the steps land on END: 10:30:5 is
 * 10, 15, 20, 25, 30) or as a list (7,14,21). Whole-number parameters take whole numbers only.
 * Grid search runs every combination (the first parameter varies slowest); random search draws
 * `samples` distinct combinations of the same grid with a seeded generator, so the same seed gives
 * the same sets.
 */
import type { Parameter } from './space.js';

export type ParameterRange = { name: string; values: number[] };
export type ParameterSet = Record<string, number>;

/** A range the trader wrote that cannot be used: the message says what to write instead. */
export class RangeSpecError extends Error {
  override readonly name = 'RangeSpecError';
}

/** Largest grid a sweep accepts (a random search draws from grids of any size). */
export const MAX_GRID = 1_000_000;

const decimals = (text: string) => (text.includes('.') ? text.length - text.indexOf('.') - 1 : 0);

function parseNumber(text: string, what: string): number {
  const v = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(v)) throw new RangeSpecError(`${what}: "${text}" is not a number`);
  return v;
}

/** The values of one range text ("10:30:5" or "7,14,21") for a parameter. */
export function rangeValues(text: string, parameter: Pick<Parameter, 'name' | 'integer' | 'min' | 'max'>): number[] {
  const name = parameter.name;
  let values: number[];
  if (text.includes(':')) {
    const parts = text.split(':');
    if (parts.length !== 3) throw new RangeSpecError(`${name}: write a range as START:END:STEP, e.g. 10:30:5`);
    const [a, b, c] = parts.map((p) => parseNumber(p, name)) as [number, number, number];
    if (c <= 0) throw new RangeSpecError(`${name}: the step must be above zero`);
    if (b < a) throw new RangeSpecError(`${name}: the end (${b}) is below the start (${a})`);
    const count = Math.floor((b - a) / c + 1e-9) + 1;
    if (count > 10_000) throw new RangeSpecError(`${name}: ${count} values; use a larger step (at most 10,000)`);
    const digits = Math.max(...parts.map(decimals));
    values = Array.from({ length: count }, (_, i) => Number((a + i * c).toFixed(digits)));
  } else {
    values = text.split(',').map((p) => parseNumber(p, name));
  }
  values = [...new Set(values)];
  for (const v of values) {
    if (parameter.integer && !Number.isInteger(v)) throw new RangeSpecError(`${name} takes whole numbers, not ${v}`);
    if (v < parameter.min || v > parameter.max) {
      throw new RangeSpecError(`${name} must be from ${parameter.min} to ${parameter.max}, not ${v}`);
    }
  }
  if (values.length === 0) throw new RangeSpecError(`${name}: no values`);
  return values;
}

/** "NAME=RANGE" texts resolved against the strategy's parameters. */
export function parseRanges(specs: readonly string[], parameters: readonly Parameter[]): ParameterRange[] {
  const byName = new Map(parameters.map((p) => [p.name.toLowerCase(), p]));
  const out: ParameterRange[] = [];
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    if (eq <= 0) throw new RangeSpecError(`"${spec}": write NAME=START:END:STEP or NAME=V1,V2,...`);
    const name = spec.slice(0, eq).trim();
    const parameter = byName.get(name.toLowerCase());
    if (!parameter) {
      throw new RangeSpecError(
        `the strategy has no parameter "${name}"; its parameters: ${parameters.map((p) => p.name).join(', ')}`,
      );
    }
    if (out.some((r) => r.name === parameter.name)) throw new RangeSpecError(`${parameter.name} is given twice`);
    out.push({ name: parameter.name, values: rangeValues(spec.slice(eq + 1), parameter) });
  }
  if (out.length === 0) throw new RangeSpecError('give at least one parameter range');
  return out;
}

export function gridSize(ranges: readonly ParameterRange[]): number {
  return ranges.reduce((n, r) => n * r.values.length, 1);
}

/** The combination at `index` of the grid (mixed radix, the last parameter fastest). */
export function gridSet(ranges: readonly ParameterRange[], index: number): ParameterSet {
  const set: ParameterSet = {};
  let rest = index;
  for (let i = ranges.length - 1; i >= 0; i--) {
    const r = ranges[i]!;
    set[r.name] = r.values[rest % r.values.length]!;
    rest = Math.floor(rest / r.values.length);
  }
  return Object.fromEntries(ranges.map((r) => [r.name, set[r.name]!]));
}

/** Every combination, in grid order. */
export function gridSets(ranges: readonly ParameterRange[]): ParameterSet[] {
  const size = gridSize(ranges);
  if (size > MAX_GRID) {
    throw new RangeSpecError(`the grid has ${size} sets (at most ${MAX_GRID}); use --method random --samples N`);
  }
  return Array.from({ length: size }, (_, i) => gridSet(ranges, i));
}

/** mulberry32: a small seeded generator, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** `samples` distinct combinations drawn with the seed (all of them, in grid order, when the grid is smaller). */
export function randomSets(ranges: readonly ParameterRange[], samples: number, seed: number): ParameterSet[] {
  if (!Number.isInteger(samples) || samples < 1) throw new RangeSpecError('--samples must be a whole number above 0');
  const size = gridSize(ranges);
  if (samples >= size) return gridSets(ranges);
  const next = seededRandom(seed);
  const picked = new Set<number>();
  while (picked.size < samples) picked.add(Math.floor(next() * size));
  return [...picked].map((i) => gridSet(ranges, i));
}
