/**
 * When the advisor may not ask Claude, and why, in words the panel shows as they are. In order:
 * LIVE mode (it never trades live), switched off, no Anthropic key, the kill switch, today's
 * budget spent. The budget day is the UTC day of the injected clock.
 */
import type { AdvisorSettings } from '../../../../../shared/domain/ai.js';
import type { TradingMode } from '../../../../../shared/domain/settings.js';

export const DAY_MS = 86_400_000;

/** The start of the UTC day holding `now`. */
export const utcDayStart = (now: number): number => Math.floor(now / DAY_MS) * DAY_MS;

export const NO_KEY_REASON = 'add your Anthropic API key in Settings > Secrets to use the advisor';

export type AdvisorConditions = {
  settings: AdvisorSettings;
  mode: TradingMode;
  keyConfigured: boolean;
  killSwitchEngaged: boolean;
  spentTodayUsd: number;
};

const usd = (v: number) => `$${v.toFixed(2)}`;

export function blockedReason(c: AdvisorConditions): string | null {
  if (c.mode === 'LIVE') {
    return 'the advisor never trades LIVE: switch the trading mode to SIMULATOR or PAPER to use it';
  }
  if (!c.settings.enabled) return 'the advisor is off: turn it on in the AI advisor panel';
  if (!c.keyConfigured) return NO_KEY_REASON;
  if (c.killSwitchEngaged) return 'the kill switch is engaged: the advisor waits until it is re-armed in the Risk tab';
  if (c.spentTodayUsd >= c.settings.dailyBudgetUsd) {
    return (
      `today's budget of ${usd(c.settings.dailyBudgetUsd)} is spent (${usd(c.spentTodayUsd)}): the advisor ` +
      'resumes at 00:00 UTC, or raise the daily budget'
    );
  }
  return null;
}
