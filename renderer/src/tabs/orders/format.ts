/** Display of exact decimal strings: grouping only, never re-rounded through a float. */
export function formatDecimal(value: string | null | undefined, maxDecimals = 8): string {
  if (value === null || value === undefined) return '—';
  const negative = value.startsWith('-');
  const [int = '0', frac = ''] = (negative ? value.slice(1) : value).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const shownFrac = frac.slice(0, maxDecimals).replace(/0+$/, '');
  return `${negative ? '-' : ''}${grouped}${shownFrac ? `.${shownFrac}` : ''}`;
}

export function formatTime(ms: number | null): string {
  return ms === null ? '—' : new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

export function pnlClass(value: string): string {
  if (value.startsWith('-')) return 'down';
  return /[1-9]/.test(value) ? 'up' : '';
}
