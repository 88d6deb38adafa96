/**
 * Small helpers the risk checks share: exact percents of Decimals, display text and the
 * violation record. Display rounding never feeds back into a decision: every comparison is
 * made on exact values.
 */
import type { RiskRule, RiskViolation } from '../../../shared/domain/risk.js';
import { Decimal } from '../money/decimal.js';

/** Digits of a percent shown in a message (rounded half-even; the decision used the exact value). */
const PERCENT_DIGITS = 2;
/** Digits shown instead when PERCENT_DIGITS would make a value look equal to the limit it is beyond. */
const PERCENT_DIGITS_NEAR = 4;
/** Digits kept by divisions that only feed display or sizing (rounded down: never overstates capacity). */
export const RATIO_SCALE = 18;

const HUNDREDTH = Decimal.parse('0.01');

/** percent / 100 as exact Decimals, for the few percents the settings hold (the gate asks thousands of times in a backtest). */
const FRACTIONS = new Map<number, Decimal>();
const MAX_FRACTIONS = 64;

function fractionOf(percent: number): Decimal {
  let fraction = FRACTIONS.get(percent);
  if (fraction === undefined) {
    fraction = Decimal.fromNumber(percent).mul(HUNDREDTH);
    if (FRACTIONS.size >= MAX_FRACTIONS) FRACTIONS.clear();
    FRACTIONS.set(percent, fraction);
  }
  return fraction;
}

/** `percent` % of value, exactly (a settings percent such as 0.5 is read as exactly 0.5, not 0.50000000001). */
export function percentOf(value: Decimal, percent: number): Decimal {
  return value.mul(fractionOf(percent));
}

/** part / whole x 100, exact to RATIO_SCALE digits; null when whole is not above zero. */
export function percentRatio(part: Decimal, whole: Decimal): Decimal | null {
  if (!whole.isPositive()) return null;
  return part.mul(100).div(whole, { scale: RATIO_SCALE, rounding: 'half-even' });
}

/** "1,234.5" from "1234.5": thousands separators in the integer part of a decimal text. */
function grouped(text: string): string {
  const negative = text.startsWith('-');
  const [int = '0', frac] = (negative ? text.slice(1) : text).split('.');
  const body = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac === undefined ? '' : `.${frac}`);
  // A figure that shows as zero has no sign.
  return negative && /[1-9]/.test(body) ? `-${body}` : body;
}

/**
 * "21.05 %" (at most 2 decimals, trailing zeros dropped). Given the `near` limit it is compared
 * with, a value that would read as that limit keeps 4 decimals ("5.0001 %" beyond "5 %").
 */
export function showPercent(value: Decimal | number | null, near?: Decimal | number): string {
  if (value === null) return 'n/a';
  const d = typeof value === 'number' ? Decimal.fromNumber(value) : value;
  let shown = d.round(PERCENT_DIGITS, 'half-even');
  if (near !== undefined && !d.eq(near) && shown.eq(near)) shown = d.round(PERCENT_DIGITS_NEAR, 'half-even');
  return `${grouped(shown.toString())} %`;
}

/** A percent figure for a record's details (2 decimals): the exact inputs are recorded beside it. */
export function percentFigure(value: Decimal | null): string | null {
  return value === null ? null : value.round(PERCENT_DIGITS, 'half-even').toString();
}

/**
 * Money in the quote currency for a message: 2 decimals with separators ("81,007.78"). Given the
 * `near` amount it is compared with, a value that would read as that amount is shown exactly.
 */
export function showMoney(value: Decimal, near?: Decimal): string {
  const two = value.toFixed(2, 'half-even');
  if (near !== undefined && !value.eq(near) && two === near.toFixed(2, 'half-even')) {
    return grouped(value.round(12, 'half-even').toString());
  }
  return grouped(two);
}

/** A money or quantity amount for a message: exact, canonical, at most 12 fractional digits. */
export function showAmount(value: Decimal): string {
  return value.round(12, 'half-even').toString();
}

/** Records every value as text, so the audit trail keeps exact numbers. */
export function violation(
  rule: RiskRule,
  message: string,
  details: Record<string, Decimal | string | number | boolean | null>,
): RiskViolation {
  const text: Record<string, string> = {};
  for (const [key, value] of Object.entries(details)) {
    text[key] = value instanceof Decimal ? value.toString() : String(value);
  }
  return { rule, message, details: text };
}

/** The quote currency of "BTC/USD" ("USD"); the symbol itself when it has no slash. */
export function quoteOf(symbol: string): string {
  const slash = symbol.indexOf('/');
  return slash < 0 ? symbol : symbol.slice(slash + 1);
}

export function baseOf(symbol: string): string {
  const slash = symbol.indexOf('/');
  return slash < 0 ? symbol : symbol.slice(0, slash);
}

/** UTC "2024-03-01 12:30:05" for a message. */
export function showTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}
