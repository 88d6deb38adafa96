/** Decimals follow the size of `reference` (the market's price), so a spread reads like its prices. */
export function formatPrice(value: number, reference = value): string {
  const r = Math.abs(reference);
  const digits = r >= 1000 ? 2 : r >= 1 ? 4 : 6;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatVolume(value: number): string {
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)}M`;
  if (value >= 1e3) return `${(value / 1e3).toFixed(2)}K`;
  return value.toFixed(4);
}

export function formatPercent(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(2)}%`;
}
