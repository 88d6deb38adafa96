import { useMemo, useState } from 'react';
import type { Timeframe } from '../../../../shared/domain/market';
import type { ChartSetup, MarketView } from '../../../../shared/domain/settings';
import { useInvokeMutation, useInvokeQuery } from '../../client/hooks';
import type { IndicatorConfig } from './indicators';

export const DEFAULT_SETUP: ChartSetup = { timeframe: '1m', limit: 5_000, indicators: [] };

/** The chart's indicators as the chart draws them (an id per indicator: kind and period are unique). */
export function toConfigs(setup: ChartSetup): IndicatorConfig[] {
  return setup.indicators.map((i) => ({ id: `${i.kind}-${i.period}`, ...i }));
}

/** Indicators as the setting stores them. */
export function fromConfigs(configs: IndicatorConfig[]): ChartSetup['indicators'] {
  return configs.map(({ kind, period, color }) => (color ? { kind, period, color } : { kind, period }));
}

/** The symbol to show: the remembered one while the market still lists it, else the first market. */
export function pickSymbol(view: MarketView, listed: readonly string[]): string | undefined {
  return view.symbol !== null && listed.includes(view.symbol) ? view.symbol : listed[0];
}

/**
 * The Market tab's symbol and the chart setup of each symbol (timeframe, history, indicators),
 * kept in the engine's settings: they survive a tab switch, a reload and a restart.
 */
export function useMarketView(listed: readonly string[]) {
  const settings = useInvokeQuery('settings.get', {});
  const update = useInvokeMutation('settings.update');
  const [local, setLocal] = useState<MarketView | null>(null);
  const view: MarketView = local ?? settings.data?.marketView ?? { symbol: null, charts: {} };
  const symbol = pickSymbol(view, listed);
  const setup = (symbol && view.charts[symbol]) || DEFAULT_SETUP;
  // The same setup object gives the same indicator list: the chart redraws only on a change.
  const indicators = useMemo(() => toConfigs(setup), [setup]);

  const save = (next: MarketView) => {
    setLocal(next);
    update.mutate({ marketView: next });
  };
  const change = (patch: Partial<ChartSetup>) => {
    if (!symbol) return;
    save({ ...view, symbol, charts: { ...view.charts, [symbol]: { ...setup, ...patch } } });
  };

  return {
    /** False until the remembered view is known (the chart waits rather than loading the default first). */
    ready: settings.data !== undefined || settings.error !== null,
    symbol,
    timeframe: setup.timeframe,
    limit: setup.limit,
    indicators,
    saveError: update.error?.message ?? null,
    setSymbol: (s: string) => save({ ...view, symbol: s }),
    setTimeframe: (timeframe: Timeframe) => change({ timeframe }),
    setLimit: (limit: number) => change({ limit }),
    setIndicators: (configs: IndicatorConfig[]) => change({ indicators: fromConfigs(configs) }),
  };
}
