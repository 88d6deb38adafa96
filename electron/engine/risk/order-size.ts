/**
 * The trader's own minimum and maximum order size per symbol (settings.orderSize), in base
 * quantity and/or quote notional. Entries only: an exit of any size is allowed. At the limit passes.
 */
import type { RiskSettings, RiskViolation } from '../../../shared/domain/risk.js';
import { Decimal } from '../money/decimal.js';
import { baseOf, quoteOf, showAmount, violation } from './format.js';
import type { OrderIntent } from './types.js';

export function checkOrderSize(intent: OrderIntent, settings: RiskSettings['orderSize']): RiskViolation | null {
  if (!settings.enabled) return null;
  const limits = settings.perSymbol[intent.symbol];
  if (!limits) return null;
  const { symbol, quantity } = intent;
  const notional = quantity.mul(intent.priceEstimate);
  const base = baseOf(symbol);
  const quote = quoteOf(symbol);
  const bounds: Array<[string | undefined, 'min' | 'max', Decimal, string, string]> = [
    [limits.minQuantity, 'min', quantity, base, 'quantity'],
    [limits.maxQuantity, 'max', quantity, base, 'quantity'],
    [limits.minNotional, 'min', notional, quote, 'notional'],
    [limits.maxNotional, 'max', notional, quote, 'notional'],
  ];
  for (const [text, kind, value, unit, what] of bounds) {
    if (text === undefined) continue;
    const limit = Decimal.parse(text);
    const breaks = kind === 'min' ? value.lt(limit) : value.gt(limit);
    if (!breaks) continue;
    return violation(
      kind === 'min' ? 'ORDER_SIZE_MIN' : 'ORDER_SIZE_MAX',
      `the order's ${what} of ${showAmount(value)} ${unit} is ${kind === 'min' ? 'below' : 'above'} the ` +
        `${kind === 'min' ? 'minimum' : 'maximum'} ${what} of ${showAmount(limit)} ${unit} set for ${symbol}`,
      { symbol, [what]: value, [kind === 'min' ? 'min' : 'max']: limit },
    );
  }
  return null;
}
