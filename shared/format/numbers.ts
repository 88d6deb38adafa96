/**
 * The one way numbers are written for a person, in the UI and in messages the engine writes for
 * the UI (risk vetoes): prices at the market's price step, quantities at its amount step, quote
 * money at 2 decimals with thousands separators, percents at 2 decimals. Never `-0`, never an
 * exponent (`1e-9`), the same number the same way everywhere. Display only: no decision is ever
 * made on a formatted value.
 */

/** A value to show: a number, or an exact decimal string (orders, balances) read for display only. */
export type Shown = number | string;

const DASH = '—';
/** A figure that rounds to zero is shown without its minus sign. */
const NEGATIVE_ZERO = /^-(?=0(?:\.0*)?$)/;

function toNumber(value: Shown | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const n = typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value);
  return Number.isFinite(n) ? n : null;
}

const formatters = new Map<string, Intl.NumberFormat>();
function formatter(min: number, max: number, grouping: boolean): Intl.NumberFormat {
  const key = `${min}|${max}|${grouping}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: min,
      maximumFractionDigits: max,
      useGrouping: grouping,
    });
    formatters.set(key, f);
  }
  return f;
}

/**
 * The number of decimals a step has: 0.01 -> 2, 0.00000001 -> 8, 0.5 -> 1, 0.25 -> 2, 1 -> 0, 10 -> 0.
 * (At most 12: a step finer than that is not a market's.)
 */
export function decimalsOfStep(step: number): number {
  if (!Number.isFinite(step) || step <= 0) return 0;
  for (let d = 0; d <= 12; d++) {
    const scaled = step * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) return d;
  }
  return 12;
}

export type FixedOptions = {
  /** Thousands separators (default true). */
  grouping?: boolean;
  /** "+" before a figure above zero as shown. */
  signed?: boolean;
  /** Fewer decimals when the trailing ones are zeros, down to this many (default: all `decimals`). */
  minDecimals?: number;
};

/** `value` with exactly `decimals` decimals (rounded half away from zero), no -0, no exponent. */
export function formatFixed(value: Shown | null | undefined, decimals: number, options: FixedOptions = {}): string {
  const n = toNumber(value);
  if (n === null) return DASH;
  const d = Math.max(0, Math.min(20, Math.trunc(decimals)));
  const min = Math.max(0, Math.min(d, options.minDecimals ?? d));
  const text = formatter(min, d, options.grouping ?? true)
    .format(n)
    .replace(NEGATIVE_ZERO, '');
  return options.signed && !text.startsWith('-') && /[1-9]/.test(text) ? `+${text}` : text;
}

/** Decimals of a price whose market step is unknown: by its size (60,000.00; 150.0000; 0.000123). */
function priceDecimalsBySize(reference: number): number {
  const r = Math.abs(reference);
  if (r >= 1000 || r === 0) return 2;
  if (r >= 1) return 4;
  return Math.min(12, Math.max(4, 3 - Math.floor(Math.log10(r))));
}

/** A price at the market's price step (0.01 -> 186.24); by its size when the step is unknown. */
export function formatPrice(
  value: Shown | null | undefined,
  priceStep?: number | null,
  options: FixedOptions = {},
): string {
  const n = toNumber(value);
  if (n === null) return DASH;
  const decimals = priceStep && priceStep > 0 ? decimalsOfStep(priceStep) : priceDecimalsBySize(n);
  return formatFixed(n, decimals, options);
}

/** A base quantity at the market's amount step; up to 8 decimals (trailing zeros dropped) when it is unknown. */
export function formatAmount(value: Shown | null | undefined, amountStep?: number | null): string {
  if (amountStep && amountStep > 0) return formatFixed(value, decimalsOfStep(amountStep));
  return formatFixed(value, 8, { minDecimals: 0 });
}

/** Money in the quote currency: 2 decimals with thousands separators (9,096.78). */
export function formatMoney(value: Shown | null | undefined, signed = false): string {
  return formatFixed(value, 2, { signed });
}

/** A percent at 2 decimals; the % sign joined by a non-breaking space so it never wraps alone. */
export function formatPercent(value: Shown | null | undefined, signed = false): string {
  const text = formatFixed(value, 2, { signed });
  return text === DASH ? text : `${text}\u00a0%`;
}

/** A fee or commission rate given as a fraction (0.0026) as a percent: "0.26 %" (more decimals only when needed). */
export function formatRate(fraction: number): string {
  return `${formatFixed(fraction * 100, 4, { minDecimals: 2 })}\u00a0%`;
}

/** Large traded volumes in K and M (1.23K, 4.56M), smaller ones at up to 4 decimals. */
export function formatVolume(value: Shown | null | undefined): string {
  const n = toNumber(value);
  if (n === null) return DASH;
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${formatFixed(n / 1e9, 2)}B`;
  if (abs >= 1e6) return `${formatFixed(n / 1e6, 2)}M`;
  if (abs >= 1e3) return `${formatFixed(n / 1e3, 2)}K`;
  return formatFixed(n, 4, { minDecimals: 0 });
}

/** A whole count with separators: 12,345. */
export function formatCount(value: number): string {
  return formatFixed(value, 0);
}

const EXACT = /^-?\d+(\.\d+)?$/;

/** An exact decimal string without trailing fractional zeros and without -0 (exact: never through a float). */
function canonical(text: string): string {
  const [int = '0', frac = ''] = text.split('.');
  const trimmedFrac = frac.replace(/0+$/, '');
  const out = trimmedFrac ? `${int}.${trimmedFrac}` : int;
  return out.replace(NEGATIVE_ZERO, '');
}

/** A number as plain text for a CSV cell or an input: no separators, no exponent, no -0, trailing zeros dropped. */
export function plainNumber(value: Shown | null | undefined, maxDecimals = 12): string {
  if (typeof value === 'string' && EXACT.test(value.trim())) return canonical(value.trim());
  const text = formatFixed(value, maxDecimals, { grouping: false, minDecimals: 0 });
  return text === DASH ? '' : text;
}
