// Every array and string a query accepts has an upper bound, so that no caller can make a query
// (or the statement it prepares) arbitrarily large.
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { contract, type InvokeName } from './contract.js';

/** The calls that read lists or filter them. */
const QUERY_NAMES: InvokeName[] = [
  'logs.query',
  'audit.query',
  'export.save',
  'market.candles',
  'candles.exportCsv',
  'orders.list',
  'orders.fills',
  'orders.exportCsv',
  'risk.vetoes',
  'strategies.runs',
  'strategies.runEvents',
  'ai.generations',
  'ai.advisor.decisions',
  'alerts.list',
];

type Def = {
  type: string;
  checks?: Array<{ _zod: { def: { check: string } } }>;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  format?: string;
};

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
const bounded = (def: Def) =>
  (def.checks ?? []).some((c) => ['max_length', 'length_equals'].includes(c._zod.def.check));

/** Paths of arrays and free strings without a maximum length. */
function unbounded(schema: z.ZodType, path: string, out: string[], seen = new Set<z.ZodType>()): string[] {
  if (seen.has(schema)) return out;
  seen.add(schema);
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      if (!bounded(def)) out.push(`${path} (string)`);
      break;
    case 'array':
      if (!bounded(def)) out.push(`${path} (array)`);
      if (def.element) unbounded(def.element, `${path}[]`, out, seen);
      break;
    case 'record':
      out.push(`${path} (record)`);
      break;
    case 'object':
      for (const [key, child] of Object.entries(def.shape ?? {})) unbounded(child, `${path}.${key}`, out, seen);
      break;
    case 'union':
      for (const option of def.options ?? []) unbounded(option, path, out, seen);
      break;
    case 'intersection':
      if (def.left) unbounded(def.left, path, out, seen);
      if (def.right) unbounded(def.right, path, out, seen);
      break;
    case 'pipe':
      if (def.in) unbounded(def.in, path, out, seen);
      break;
    default:
      if (def.innerType) unbounded(def.innerType, path, out, seen);
  }
  return out;
}

describe('query inputs are bounded', () => {
  it.each(QUERY_NAMES)('%s caps every array and string it accepts', (name) => {
    expect(unbounded(contract.invoke[name].input as z.ZodType, name, [])).toEqual([]);
  });
});
