/**
 * Activation of the selected strategy on one symbol and timeframe: what strategies.activationCheck
 * says (the grade it used, the reasons it refuses) and Activate (strategies.activate). The main
 * process enforces the rules; this button only reflects them.
 */
import { useState } from 'react';
import type { Timeframe } from '../../../../shared/domain/market';
import type { SavedStrategy } from '../../../../shared/domain/strategy-library';
import { useInvokeMutation, useInvokeQuery } from '../../client/hooks';
import { GradeBadge } from './GradeBadge';

type Pair = { symbol: string; timeframe: Timeframe };
const keyOf = (p: Pair) => `${p.symbol}|${p.timeframe}`;

type Props = {
  strategy: SavedStrategy;
  /** The pair of the latest backtest in this session, if any. */ latest: Pair | null;
};

export function ActivationPanel({ strategy, latest }: Props) {
  const d = strategy.definition;
  const fallback: Pair = { symbol: d.symbols[0]!, timeframe: d.timeframe };
  const pairs = new Map<string, Pair>([[keyOf(fallback), fallback]]);
  for (const b of strategy.backtests) pairs.set(keyOf(b), { symbol: b.symbol, timeframe: b.timeframe });
  if (latest) pairs.set(keyOf(latest), latest);
  // The user's pick holds until a newer backtest: then the pair of that backtest is shown.
  const [choice, setChoice] = useState<{ key: string; latest: Pair | null } | null>(null);
  const chosen = choice && choice.latest === latest ? choice.key : keyOf(latest ?? fallback);
  const pair = pairs.get(chosen) ?? fallback;

  const check = useInvokeQuery('strategies.activationCheck', { id: strategy.id, ...pair });
  const activate = useInvokeMutation('strategies.activate', [
    'strategies.runs',
    'strategies.activationCheck',
    'arena.leaderboard',
  ]);
  const [capital, setCapital] = useState('');
  const c = check.data;

  return (
    <section className="card activation" aria-labelledby="activation-title" data-testid="activation-panel">
      <div className="card-head">
        <h2 id="activation-title">Run</h2>
        {c && <span className={`mode-badge mode-${c.mode.toLowerCase()}`}>{c.mode}</span>}
      </div>
      <div className="field">
        <label htmlFor="activation-pair">Symbol and timeframe</label>
        <select id="activation-pair" value={keyOf(pair)} onChange={(e) => setChoice({ key: e.target.value, latest })}>
          {[...pairs.values()].map((p) => (
            <option key={keyOf(p)} value={keyOf(p)}>
              {p.symbol} {p.timeframe}
            </option>
          ))}
        </select>
      </div>
      {check.error && <p className="error">{check.error.message}</p>}
      {c && (
        <div className="activation-check" data-testid="activation-check" data-allowed={c.allowed}>
          {c.grade && (
            <p className="small">
              Grade used: <GradeBadge grade={c.grade} /> <span className="muted">from the {c.gradeSource}</span>
            </p>
          )}
          {c.mode === 'LIVE' && (
            <p className="small muted">
              Paper trades since approval: {c.paperTrades} of {c.paperTradesRequired} required.
            </p>
          )}
          {c.allowed ? (
            <p className="ok small">May run now in {c.mode.toLowerCase()} mode.</p>
          ) : (
            <ul className="activation-reasons">
              {c.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="field">
        <label htmlFor="activation-capital">Own capital (optional, quote currency)</label>
        <input
          id="activation-capital"
          inputMode="decimal"
          placeholder="empty: shares the whole account"
          value={capital}
          onChange={(e) => setCapital(e.target.value.trim())}
          data-testid="activation-capital"
        />
        <span className="muted small">
          With a capital the run trades on its own sub-account: it sizes from it, and the leaderboard shows its own
          figures.
        </span>
      </div>
      <button
        type="button"
        className="primary"
        disabled={!c?.allowed || activate.isPending}
        title={c && !c.allowed ? c.reasons.join('\n') : undefined}
        onClick={() => activate.mutate({ id: strategy.id, ...pair, ...(capital ? { capital } : {}) })}
      >
        Activate on {pair.symbol} {pair.timeframe}
      </button>
      {activate.error && (
        <p role="alert" className="error">
          {activate.error.message}
        </p>
      )}
    </section>
  );
}
