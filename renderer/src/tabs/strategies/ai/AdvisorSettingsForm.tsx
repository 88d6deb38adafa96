/** The advisor's settings: on/off, how often, daily budget, watched symbols, timeframe, largest order. */
import { useState, type FormEvent } from 'react';
import type { AdvisorSettings } from '../../../../../shared/domain/ai';
import { TIMEFRAMES, type Timeframe } from '../../../../../shared/domain/market';
import { useInvokeMutation } from '../../../client/hooks';

function parseSymbols(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim().toUpperCase())
    .filter((s) => s !== '');
}

export function AdvisorSettingsForm({ settings }: { settings: AdvisorSettings }) {
  const update = useInvokeMutation('ai.advisor.update', ['ai.advisor.status']);
  const [interval, setIntervalText] = useState(String(settings.intervalMinutes));
  const [budget, setBudget] = useState(String(settings.dailyBudgetUsd));
  const [symbols, setSymbols] = useState(settings.symbols.join(', '));
  const [timeframe, setTimeframe] = useState<Timeframe>(settings.timeframe);
  const [maxOrder, setMaxOrder] = useState(String(settings.maxOrderPercent));
  const [saved, setSaved] = useState(false);

  const save = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    update.mutate(
      {
        intervalMinutes: Number(interval),
        dailyBudgetUsd: Number(budget),
        symbols: parseSymbols(symbols),
        timeframe,
        maxOrderPercent: Number(maxOrder),
      },
      { onSuccess: () => setSaved(true) },
    );
  };
  const toggle = (enabled: boolean) => {
    setSaved(false);
    update.mutate({ enabled });
  };

  return (
    <form className="ai-advisor-form" onSubmit={save} data-testid="advisor-settings">
      <label className="ai-toggle">
        <input
          type="checkbox"
          checked={settings.enabled}
          disabled={update.isPending}
          onChange={(e) => toggle(e.target.checked)}
        />{' '}
        Advisor enabled
      </label>
      <div className="ai-advisor-fields">
        <div className="field">
          <label htmlFor="advisor-interval">Every (minutes)</label>
          <input
            id="advisor-interval"
            type="number"
            min={5}
            max={1440}
            step={1}
            value={interval}
            onChange={(e) => setIntervalText(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="advisor-budget">Daily budget (USD)</label>
          <input
            id="advisor-budget"
            type="number"
            min={0.01}
            max={100}
            step={0.01}
            value={budget}
            onChange={(e) => setBudget(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="advisor-symbols">Watched symbols</label>
          <input
            id="advisor-symbols"
            value={symbols}
            placeholder="BTC/USD, ETH/USD"
            onChange={(e) => setSymbols(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="advisor-timeframe">Timeframe</label>
          <select id="advisor-timeframe" value={timeframe} onChange={(e) => setTimeframe(e.target.value as Timeframe)}>
            {TIMEFRAMES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="advisor-max-order">Largest order (% of equity)</label>
          <input
            id="advisor-max-order"
            type="number"
            min={1}
            max={20}
            step={0.5}
            value={maxOrder}
            onChange={(e) => setMaxOrder(e.target.value)}
          />
        </div>
      </div>
      <div className="toolbar">
        <button type="submit" disabled={update.isPending}>
          Save advisor settings
        </button>
        {saved && !update.error && (
          <span className="ok" role="status">
            Saved.
          </span>
        )}
      </div>
      {update.error && (
        <p role="alert" className="error">
          {update.error.message}
        </p>
      )}
    </form>
  );
}
