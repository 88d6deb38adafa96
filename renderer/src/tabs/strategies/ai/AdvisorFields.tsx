/**
 * An advisor's schedule and limits as form fields: how often, the daily budget, the watched
 * symbols, the timeframe, the largest order. The Settings advisor's form and the arena's
 * "Add an advisor" form both use them.
 */
import { useState } from 'react';
import type { AdvisorSettings } from '../../../../../shared/domain/ai';
import { TIMEFRAMES, type Timeframe } from '../../../../../shared/domain/market';

type Values = { interval: string; budget: string; symbols: string; timeframe: Timeframe; maxOrder: string };
type Schedule = Pick<
  AdvisorSettings,
  'intervalMinutes' | 'dailyBudgetUsd' | 'symbols' | 'timeframe' | 'maxOrderPercent'
>;

function parseSymbols(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim().toUpperCase())
    .filter((s) => s !== '');
}

/** The fields' text and the settings they stand for (what the engine checks, with its own messages). */
export function useAdvisorFields(initial: Schedule) {
  const [values, setValues] = useState<Values>({
    interval: String(initial.intervalMinutes),
    budget: String(initial.dailyBudgetUsd),
    symbols: initial.symbols.join(', '),
    timeframe: initial.timeframe,
    maxOrder: String(initial.maxOrderPercent),
  });
  const settings: Schedule = {
    intervalMinutes: Number(values.interval),
    dailyBudgetUsd: Number(values.budget),
    symbols: parseSymbols(values.symbols),
    timeframe: values.timeframe,
    maxOrderPercent: Number(values.maxOrder),
  };
  return { values, setValues, settings };
}

export function AdvisorFields({
  id,
  values,
  onChange,
  equity = 'equity',
}: {
  /** Prefix of the inputs' ids (one form per prefix on a page). */
  id: string;
  values: Values;
  onChange: (values: Values) => void;
  /** Whose equity the largest order is a share of ("its equity" for an arena advisor). */
  equity?: string;
}) {
  const set = (patch: Partial<Values>) => onChange({ ...values, ...patch });
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-interval`}>Every (minutes)</label>
        <input
          id={`${id}-interval`}
          type="number"
          min={5}
          max={1440}
          step={1}
          value={values.interval}
          onChange={(e) => set({ interval: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-budget`}>Daily budget (USD)</label>
        <input
          id={`${id}-budget`}
          type="number"
          min={0.01}
          max={100}
          step={0.01}
          value={values.budget}
          onChange={(e) => set({ budget: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-symbols`}>Watched symbols</label>
        <input
          id={`${id}-symbols`}
          value={values.symbols}
          placeholder="BTC/USD, ETH/USD"
          onChange={(e) => set({ symbols: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-timeframe`}>Timeframe</label>
        <select
          id={`${id}-timeframe`}
          value={values.timeframe}
          onChange={(e) => set({ timeframe: e.target.value as Timeframe })}
        >
          {TIMEFRAMES.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-max-order`}>Largest order (% of {equity})</label>
        <input
          id={`${id}-max-order`}
          type="number"
          min={1}
          max={20}
          step={0.5}
          value={values.maxOrder}
          onChange={(e) => set({ maxOrder: e.target.value })}
        />
      </div>
    </>
  );
}
