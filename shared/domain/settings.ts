import { z } from 'zod';

export const TRADING_MODES = ['SIMULATOR', 'PAPER', 'LIVE'] as const;
export const TradingMode = z.enum(TRADING_MODES);
export type TradingMode = z.infer<typeof TradingMode>;

export const ExchangeId = z
  .string()
  .regex(/^[a-z][a-z0-9]{1,31}$/, 'an exchange id is lower-case letters and digits, e.g. "kraken"');

/** Every persisted setting: its type, its allowed range and its default. */
export const SettingsSchema = z
  .object({
    theme: z.enum(['dark', 'light']).default('dark'),
    defaultExchange: ExchangeId.default('kraken'),
    /** Fee rate as a fraction of notional (0.001 = 0.1 %). */
    defaultFeeRate: z
      .number()
      .min(0, 'the fee rate cannot be negative')
      .max(0.05, 'the fee rate is at most 0.05 (5 %)')
      .default(0.001),
    tradingMode: TradingMode.default('SIMULATOR'),
  })
  .strict();

export type Settings = z.infer<typeof SettingsSchema>;

export const SettingsPatchSchema = z
  .object({
    theme: SettingsSchema.shape.theme.unwrap().optional(),
    defaultExchange: ExchangeId.optional(),
    defaultFeeRate: SettingsSchema.shape.defaultFeeRate.unwrap().optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});
