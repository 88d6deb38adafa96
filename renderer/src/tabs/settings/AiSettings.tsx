import { useInvokeQuery } from '../../client/hooks';
import { SingleSettingForm } from './SingleSettingForm';
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
  return (
    <SingleSettingForm
      id="paper-trades-before-live"
      label="Paper trades before LIVE"
      hint="A strategy graded GOOD or better may trade LIVE after this many paper trades since its approval (at least 20)."
      inputMode="numeric"
      initial={String(current)}
      toPatch={(text) => {
        const n = Number(text.trim());
        return Number.isInteger(n) && text.trim() !== ''
          ? { paperTradesBeforeLive: n }
          : { inputError: 'Enter a whole number of trades, 20 or more.' };
      }}
      invalidates={['strategies.activationCheck']}
    />
  );
}
