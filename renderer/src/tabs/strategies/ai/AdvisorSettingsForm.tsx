/** The advisor's settings: on/off, how often, daily budget, watched symbols, timeframe, largest order. */
import { useState, type FormEvent } from 'react';
import type { AdvisorSettings } from '../../../../../shared/domain/ai';
import { useInvokeMutation } from '../../../client/hooks';
import { AdvisorFields, useAdvisorFields } from './AdvisorFields';

export function AdvisorSettingsForm({ settings }: { settings: AdvisorSettings }) {
  const update = useInvokeMutation('ai.advisor.update', ['ai.advisor.status']);
  const fields = useAdvisorFields(settings);
  const [saved, setSaved] = useState(false);

  const save = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    update.mutate(fields.settings, { onSuccess: () => setSaved(true) });
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
        <AdvisorFields id="advisor" values={fields.values} onChange={fields.setValues} />
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
