import { RISK_LIMITS, rangeMessage, type RiskSettings } from '../../../../shared/domain/risk';
import type { RiskSettingsPatch } from '../../../../shared/domain/risk-view';

type Range = (typeof RISK_LIMITS)[keyof typeof RISK_LIMITS];

/** The numeric limits of the form: the settings section, its number field, its range. */
export const LIMIT_FIELDS = [
  {
    id: 'capitalPerSymbol',
    section: 'capitalPerSymbol',
    field: 'percent',
    range: RISK_LIMITS.capitalPerSymbolPercent,
    title: 'Capital per symbol',
  },
  {
    id: 'totalExposure',
    section: 'totalExposure',
    field: 'percent',
    range: RISK_LIMITS.totalExposurePercent,
    title: 'Total exposure',
  },
  {
    id: 'dailyLoss',
    section: 'dailyLoss',
    field: 'percent',
    range: RISK_LIMITS.dailyLossPercent,
    title: 'Daily loss limit',
  },
  {
    id: 'maxDrawdown',
    section: 'maxDrawdown',
    field: 'percent',
    range: RISK_LIMITS.maxDrawdownPercent,
    title: 'Maximum drawdown',
  },
  { id: 'spread', section: 'spread', field: 'maxPercent', range: RISK_LIMITS.maxSpreadPercent, title: 'Spread cap' },
  {
    id: 'slippage',
    section: 'slippage',
    field: 'maxPercent',
    range: RISK_LIMITS.maxSlippagePercent,
    title: 'Slippage cap',
  },
  {
    id: 'maxOpenOrders',
    section: 'maxOpenOrders',
    field: 'count',
    range: RISK_LIMITS.maxOpenOrders,
    title: 'Open orders',
  },
  {
    id: 'maxOrdersPerMinute',
    section: 'maxOrdersPerMinute',
    field: 'count',
    range: RISK_LIMITS.maxOrdersPerMinute,
    title: 'Orders per minute',
  },
  {
    id: 'atrThreshold',
    section: 'atrSpike',
    field: 'thresholdPercent',
    range: RISK_LIMITS.atrSpikePercent,
    title: 'ATR spike threshold',
  },
  { id: 'atrLookback', section: 'atrSpike', field: 'lookback', range: RISK_LIMITS.atrLookback, title: 'ATR lookback' },
  {
    id: 'atrCooling',
    section: 'atrSpike',
    field: 'coolingMinutes',
    range: RISK_LIMITS.atrCoolingMinutes,
    title: 'ATR cooling period',
  },
] as const satisfies readonly { id: string; section: keyof RiskSettings; field: string; range: Range; title: string }[];

export type LimitField = (typeof LIMIT_FIELDS)[number];
export type LimitId = LimitField['id'];

/** Sections with an on/off switch (the ATR fields share one). */
export const TOGGLES = [
  'capitalPerSymbol',
  'totalExposure',
  'dailyLoss',
  'maxDrawdown',
  'spread',
  'slippage',
  'maxOpenOrders',
  'maxOrdersPerMinute',
  'atrSpike',
] as const;
export type Toggle = (typeof TOGGLES)[number];

export type LimitsForm = {
  values: Record<LimitId, string>;
  enabled: Record<Toggle, boolean>;
};

function valueOf(settings: RiskSettings, f: LimitField): number {
  const section = settings[f.section] as unknown as Record<string, number>;
  return section[f.field]!;
}

export function formFrom(settings: RiskSettings): LimitsForm {
  const values = Object.fromEntries(
    LIMIT_FIELDS.map((f) => [f.id, String(valueOf(settings, f))]),
  ) as LimitsForm['values'];
  const enabled = Object.fromEntries(TOGGLES.map((t) => [t, settings[t].enabled])) as LimitsForm['enabled'];
  return { values, enabled };
}

/** What is wrong with a typed value ("capital per symbol is 1 to 100 % of equity"), or null. */
export function fieldError(text: string, range: Range): string | null {
  const trimmed = text.trim().replace(',', '.');
  const n = Number(trimmed);
  if (trimmed === '' || !Number.isFinite(n) || n < range.min || n > range.max) return rangeMessage(range);
  if ('int' in range && !Number.isInteger(n)) return `${rangeMessage(range)} (a whole number)`;
  return null;
}

/** The changes to send, or the errors per field when any value is out of range. */
export function toPatch(
  form: LimitsForm,
  settings: RiskSettings,
): { patch: RiskSettingsPatch; errors: Partial<Record<LimitId, string>> } {
  const errors: Partial<Record<LimitId, string>> = {};
  const patch: Record<string, Record<string, unknown>> = {};
  const put = (section: string, field: string, value: unknown) => {
    patch[section] = { ...patch[section], [field]: value };
  };
  for (const f of LIMIT_FIELDS) {
    const error = fieldError(form.values[f.id], f.range);
    if (error) {
      errors[f.id] = error;
      continue;
    }
    const n = Number(form.values[f.id].trim().replace(',', '.'));
    if (n !== valueOf(settings, f)) put(f.section, f.field, n);
  }
  for (const t of TOGGLES) if (form.enabled[t] !== settings[t].enabled) put(t, 'enabled', form.enabled[t]);
  return { patch: patch as RiskSettingsPatch, errors };
}
