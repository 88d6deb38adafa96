/**
 * Small helpers the risk checks share: exact percents of Decimals, display text and the
 * violation record. Display rounding never feeds back into a decision: every comparison is
 * made on exact values.
 */
import type { RiskRule, RiskViolation } from '../../../shared/domain/risk.js';
import { Decimal } from '../money/decimal.js';

/** Digits of a percent shown in a message (rounded half-even; the decision used the exact value). */
const PERCENT_DIGITS = 4;
/** Digits kept by divisions that only feed display or sizing (rounded down: never overstates capacity). */
export const RATIO_SCALE = 18;

const HUNDREDTH = Decimal.parse('0.01');

/** `percent` % of value, exactly (a settings percent such as 0.5 is read as exactly 0.5, not 0.50000000001). */
export function percentOf(value: Decimal, percent: number): Decimal {
  return value.mul(Decimal.fromNumber(percent)).mul(HUNDREDTH);
}

/** part / whole x 100, exact to RATIO_SCALE digits; null when whole is not above zero. */
export function percentRatio(part: Decimal, whole: Decimal): Decimal | null {
  if (!whole.isPositive()) return null;
  return part.mul(100).div(whole, { scale: RATIO_SCALE, rounding: 'half-even' });
}

/** "21.0526 %" (at most PERCENT_DIGITS fractional digits, trailing zeros dropped). */
export function showPercent(value: Decimal | number | null): string {
  if (value === null) return 'n/a';
  const d = typeof value === 'number' ? Decimal.fromNumber(value) : value;
  return `${d.round(PERCENT_DIGITS, 'half-even').toString()} %`;
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
