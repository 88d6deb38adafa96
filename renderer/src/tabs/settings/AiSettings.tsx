import { useState, type FormEvent } from 'react';
import { useInvokeMutation, useInvokeQuery } from '../../client/hooks';
import { ModelPicker } from '../strategies/ai/ModelPicker';

/**
 * AI strategies: the Claude model (the engine's list, resources/ai-models.json) and how many paper
 * trades a strategy needs since its approval before it may trade LIVE (20 at least; only raised).
 */
export function AiSettings() {
  const status = useInvokeQuery('ai.status', {});
  const settings = useInvokeQuery('settings.get', {});
  return (
    <section className="card" aria-labelledby="ai-settings-title">
      <h2 id="ai-settings-title">AI strategies</h2>
      <p className="muted">
        The model writes strategies from plain language and runs the advisor. The Anthropic API key is set under API
        keys above{status.data && !status.data.keyConfigured ? ' (none is set yet)' : ''}.
      </p>
      {status.data && <ModelPicker status={status.data} />}
      {settings.data && (
        // Mounted once with the stored value: the form keeps what was typed and its "Saved." after the refetch.
        <PaperTradesForm current={settings.data.paperTradesBeforeLive} />
      )}
    </section>
  );
}

function PaperTradesForm({ current }: { current: number }) {
  const update = useInvokeMutation('settings.update', ['settings.get', 'strategies.activationCheck']);
  const [value, setValue] = useState(String(current));
  const [inputError, setInputError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(value.trim());
    if (!Number.isInteger(n)) {
      setInputError('Enter a whole number of trades, 20 or more.');
      return;
    }
    setInputError(null);
    setSaved(false);
    update.mutate({ paperTradesBeforeLive: n }, { onSuccess: () => setSaved(true) });
  };
  return (
    <form onSubmit={onSubmit} className="inline-form">
      <div className="field">
        <label htmlFor="paper-trades-before-live">Paper trades before LIVE</label>
        <input
          id="paper-trades-before-live"
          inputMode="numeric"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-describedby="paper-trades-before-live-hint"
        />
        <span id="paper-trades-before-live-hint" className="muted">
          A strategy graded GOOD or better may trade LIVE after this many paper trades since its approval (at least 20).
        </span>
      </div>
      <button type="submit" disabled={update.isPending}>
        Save
      </button>
      {(inputError ?? update.error) && (
        <p role="alert" className="error">
          {inputError ?? update.error?.message}
        </p>
      )}
      {saved && !update.error && <p className="ok">Saved.</p>}
    </form>
  );
}
