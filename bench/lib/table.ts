/** Plain-text formatting for benchmark reports: aligned tables, numbers, targets. */

export type Cell = string | number;

/** A target from the issue: the figure should be at most (lower) or at least (higher) `value`. */
export type Target = { value: number; better: 'lower' | 'higher'; unit: string };

/** Readable number: more decimals for small values, thousands separators for large ones. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs === 0) return '0';
  if (abs < 10) return value.toFixed(3);
  if (abs < 100) return value.toFixed(2);
  if (abs < 10_000) return value.toFixed(1);
  return Math.round(value).toLocaleString('en-US');
}

/** Rounds for the JSON line: `digits` decimals (the JSON keeps full figures, not display strings). */
export function round(value: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** "target <= 5 ms: met" / "target >= 1,000 calls/s: NOT met". */
export function describeTarget(value: number, target: Target): string {
  const met = target.better === 'lower' ? value <= target.value : value >= target.value;
  const op = target.better === 'lower' ? '<=' : '>=';
  const shown = Number.isInteger(target.value) ? target.value.toLocaleString('en-US') : formatNumber(target.value);
  return `target ${op} ${shown} ${target.unit}: ${met ? 'met' : 'NOT met'}`;
}

function cellText(cell: Cell): string {
  return typeof cell === 'number' ? formatNumber(cell) : cell;
}

/**
 * An aligned text table. The first column is left-aligned (labels), the others right-aligned
 * (figures) unless `align` says otherwise.
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
  align?: readonly ('left' | 'right')[],
): string {
  const text = [header.map(String), ...rows.map((row) => row.map(cellText))];
  const columns = Math.max(...text.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, c) => Math.max(...text.map((row) => (row[c] ?? '').length)));
  const alignOf = (c: number) => align?.[c] ?? (c === 0 ? 'left' : 'right');
  const line = (row: readonly string[]) =>
    widths
      .map((w, c) => {
        const cell = row[c] ?? '';
        return alignOf(c) === 'left' ? cell.padEnd(w) : cell.padStart(w);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(text[0]!), rule, ...text.slice(1).map(line)].join('\n');
}

/** A titled block of a report. */
export function section(title: string, ...body: string[]): string {
  return [`== ${title} ==`, ...body].join('\n');
}
