/**
 * The timeframe a plain-language strategy description states ("on the 4-hour chart", "hourly",
 * "15m candles", "daily"), so that it wins over a form's default. Only the timeframes the
 * workstation offers count; a description naming two different ones states none (the trader
 * picks in the form).
 */
import type { Timeframe } from './market.js';

const NUMBER = String.raw`(1|one|4|four|5|five|15|fifteen)`;
const MINUTES = String.raw`(?:m|min|mins|minute|minutes)`;
const HOURS = String.raw`(?:h|hr|hrs|hour|hours)`;
const WORDS: Record<string, string> = { one: '1', four: '4', five: '5', fifteen: '15' };

const PATTERNS: { re: RegExp; timeframe: (n: string) => string }[] = [
  { re: new RegExp(String.raw`\b${NUMBER}[\s-]?${MINUTES}\b`, 'gi'), timeframe: (n) => `${n}m` },
  { re: new RegExp(String.raw`\b${NUMBER}[\s-]?${HOURS}\b`, 'gi'), timeframe: (n) => `${n}h` },
  { re: /\b(hourly)\b/gi, timeframe: () => '1h' },
  { re: /\b(daily|1d|one[\s-]day|1[\s-]day)\b/gi, timeframe: () => '1d' },
];

const OFFERED: readonly string[] = ['1m', '5m', '15m', '1h', '4h', '1d'] satisfies readonly Timeframe[];

export function timeframeInText(text: string): Timeframe | null {
  const found = new Set<string>();
  for (const { re, timeframe } of PATTERNS) {
    for (const m of text.matchAll(re)) {
      const n = m[1]!.toLowerCase();
      const tf = timeframe(WORDS[n] ?? n);
      if (OFFERED.includes(tf)) found.add(tf);
    }
  }
  return found.size === 1 ? ([...found][0] as Timeframe) : null;
}
