/**
 * AI advisors in the arena: several side by side, each with its own model, instructions and
 * capital. Add one, ask it now, stop it; the chosen one's decisions are listed with the reasoning
 * Claude gave for each. Their figures are on the leaderboard beside the strategy runs.
 */
import { useState, type FormEvent } from 'react';
import type { ArenaAdvisorView } from '../../../../../shared/domain/arena';
import { useInvokeMutation, useInvokeQuery } from '../../../client/hooks';
import { DecisionTable } from '../ai/AdvisorDecisionLog';
import { AdvisorFields, useAdvisorFields } from '../ai/AdvisorFields';
import { usd, when } from '../ai/format';
import './arena.css';

const REFRESH = ['arena.advisors', 'arena.leaderboard', 'arena.advisorDecisions'] as const;

function AddAdvisorForm({ onAdded }: { onAdded: (id: string) => void }) {
  const ai = useInvokeQuery('ai.status', {});
  const add = useInvokeMutation('arena.addAdvisor', [...REFRESH]);
  const [name, setName] = useState('');
  const [model, setModel] = useState('');
  const [instructions, setInstructions] = useState('');
  const [capital, setCapital] = useState('1000');
  const fields = useAdvisorFields({
    intervalMinutes: 60,
    dailyBudgetUsd: 1,
    symbols: ['BTC/USD'],
    timeframe: '1h',
    maxOrderPercent: 5,
  });
  const chosenModel = model || ai.data?.model || '';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate(
      {
        name,
        model: chosenModel,
        instructions,
        capital: capital.trim(),
        ...fields.settings,
      },
      {
        onSuccess: (view) => {
          setName('');
          setInstructions('');
          onAdded(view.id);
        },
      },
    );
  };

  return (
    <form className="arena-advisor-form" onSubmit={submit} data-testid="arena-advisor-form">
      <div className="ai-advisor-fields">
        <div className="field">
          <label htmlFor="arena-name">Name</label>
          <input id="arena-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Momentum" />
        </div>
        <div className="field">
          <label htmlFor="arena-model">Model</label>
          <select id="arena-model" value={chosenModel} onChange={(e) => setModel(e.target.value)}>
            {ai.data?.models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="arena-capital">Capital (USD)</label>
          <input id="arena-capital" inputMode="decimal" value={capital} onChange={(e) => setCapital(e.target.value)} />
        </div>
        <AdvisorFields id="arena" values={fields.values} onChange={fields.setValues} equity="its equity" />
      </div>
      <div className="field">
        <label htmlFor="arena-instructions">Instructions (sent with every request, within the advisor's rules)</label>
        <textarea
          id="arena-instructions"
          rows={3}
          value={instructions}
          onChange={(e) => setInstructions(e.target.value)}
          placeholder="e.g. Trade pullbacks in an uptrend only; hold when RSI is between 40 and 60."
        />
      </div>
      <div className="row">
        <button type="submit" className="primary" disabled={add.isPending || chosenModel === ''}>
          Add advisor
        </button>
        {add.error && (
          <span role="alert" className="error small">
            {add.error.message}
          </span>
        )}
      </div>
    </form>
  );
}

function AdvisorRow({ a, chosen, onChoose }: { a: ArenaAdvisorView; chosen: boolean; onChoose: () => void }) {
  const ask = useInvokeMutation('arena.runAdvisor', [...REFRESH]);
  const stop = useInvokeMutation('arena.stopAdvisor', [...REFRESH]);
  return (
    <tr className={chosen ? 'selected' : ''} onClick={onChoose} data-testid="arena-advisor-row">
      <td>
        <strong>{a.name}</strong>
        <div className="muted small">
          {a.model} · {a.settings.symbols.join(', ')} {a.settings.timeframe} · every {a.settings.intervalMinutes} min
        </div>
      </td>
      <td className="num">
        {Number(a.capital).toFixed(2)} {a.currency}
      </td>
      <td>
        {a.state === 'STOPPED' ? (
          'stopped'
        ) : a.blockedReason ? (
          <span className="warn">{a.blockedReason}</span>
        ) : (
          'running'
        )}
        <div className="muted small">
          {a.lastRunAt ? `asked ${when(a.lastRunAt)}` : 'not asked yet'} · {usd(a.spentTodayUsd)} of{' '}
          {usd(a.settings.dailyBudgetUsd)} today
        </div>
        {(ask.error ?? stop.error) && (
          <div role="alert" className="error small">
            {(ask.error ?? stop.error)!.message}
          </div>
        )}
      </td>
      <td className="actions">
        {a.state === 'RUNNING' && (
          <>
            <button
              type="button"
              disabled={ask.isPending}
              onClick={(e) => {
                e.stopPropagation();
                onChoose();
                ask.mutate({ id: a.id });
              }}
            >
              {ask.isPending ? 'Asking…' : 'Ask now'}
            </button>
            <button
              type="button"
              className="danger"
              disabled={stop.isPending}
              onClick={(e) => {
                e.stopPropagation();
                if (window.confirm(`Stop ${a.name}? It stays on the leaderboard; it places no further order.`)) {
                  stop.mutate({ id: a.id });
                }
              }}
            >
              Stop
            </button>
          </>
        )}
      </td>
    </tr>
  );
}

export function ArenaAdvisors({ chosen, onChoose }: { chosen: string | null; onChoose: (id: string) => void }) {
  const advisors = useInvokeQuery('arena.advisors', {}, { refetchInterval: 15_000 });
  const [adding, setAdding] = useState(false);
  const selected = advisors.data?.find((a) => a.id === chosen) ?? null;
  const decisions = useInvokeQuery(
    'arena.advisorDecisions',
    { id: selected?.id ?? '', limit: 100 },
    { enabled: selected !== null },
  );
  return (
    <section className="card arena-advisors" aria-labelledby="arena-advisors-title" data-testid="arena-advisors">
      <div className="card-head">
        <h2 id="arena-advisors-title">AI advisors in the arena</h2>
        <span className="muted small">each with its own model, instructions and capital · simulator and paper</span>
        <button type="button" onClick={() => setAdding((v) => !v)} aria-expanded={adding}>
          {adding ? 'Close' : 'Add an advisor'}
        </button>
      </div>
      {adding && (
        <AddAdvisorForm
          onAdded={(id) => {
            setAdding(false);
            onChoose(id);
          }}
        />
      )}
      {advisors.error && <p className="error">{advisors.error.message}</p>}
      {advisors.data?.length === 0 && !adding && (
        <p className="muted">No advisor yet: add one to let a Claude model trade its own paper capital here.</p>
      )}
      {advisors.data && advisors.data.length > 0 && (
        <table className="data-table" data-testid="arena-advisor-table">
          <thead>
            <tr>
              <th>Advisor</th>
              <th className="num">Capital</th>
              <th>State</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {advisors.data.map((a) => (
              <AdvisorRow key={a.id} a={a} chosen={a.id === chosen} onChoose={() => onChoose(a.id)} />
            ))}
          </tbody>
        </table>
      )}
      {selected && (
        <div data-testid="arena-advisor-decisions">
          <h3>{selected.name}: decisions and reasoning</h3>
          {selected.instructions && <p className="muted small">Instructions: {selected.instructions}</p>}
          <DecisionTable
            decisions={decisions.data}
            error={decisions.error?.message ?? null}
            empty="No decision yet: it asks on its schedule, or press “Ask now”."
          />
        </div>
      )}
    </section>
  );
}
