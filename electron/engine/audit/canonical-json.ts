/**
 * Canonical JSON: object keys sorted (by UTF-16 code units), no whitespace, `undefined` object
 * members left out, -0 written as 0. Two equal values always give the same text, so a hash over
 * it is stable across runs, platforms and key insertion order. Values JSON cannot carry exactly
 * (NaN, Infinity, bigint, functions, symbols, cycles) are refused rather than silently changed.
 */
export class CanonicalJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CanonicalJsonError';
  }
}

export function canonicalJson(value: unknown): string {
  const seen = new Set<object>();

  function write(v: unknown, path: string): string {
    if (v === null) return 'null';
    switch (typeof v) {
      case 'string':
        return JSON.stringify(v);
      case 'boolean':
        return v ? 'true' : 'false';
      case 'number':
        if (!Number.isFinite(v)) throw new CanonicalJsonError(`${path} is ${v}, which JSON cannot hold`);
        return Object.is(v, -0) ? '0' : JSON.stringify(v);
      case 'object':
        break;
      default:
        throw new CanonicalJsonError(`${path} is a ${typeof v}, which JSON cannot hold`);
    }
    const obj = v as object;
    if (seen.has(obj)) throw new CanonicalJsonError(`${path} refers to itself (a cycle)`);
    seen.add(obj);
    try {
      if (Array.isArray(obj)) {
        return `[${obj.map((item, i) => (item === undefined ? 'null' : write(item, `${path}[${i}]`))).join(',')}]`;
      }
      const record = obj as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((k) => record[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${write(record[k], `${path}.${k}`)}`).join(',')}}`;
    } finally {
      seen.delete(obj);
    }
  }

  return write(value, '$');
}
