import { useState, type FormEvent } from 'react';
import type { Settings } from '../../../../shared/domain/settings';
import { useInvokeMutation, useInvokeQuery } from '../../client/hooks';

type Form = { logMaxFileMb: string; logMaxFiles: string; logRetentionDays: string };

const fromSettings = (s: Settings): Form => ({
  logMaxFileMb: String(s.logMaxFileMb),
  logMaxFiles: String(s.logMaxFiles),
  logRetentionDays: String(s.logRetentionDays),
});

/** Log retention: file size and count (rotation) and the age after which log entries are removed. */
export function RetentionSettings() {
  const settings = useInvokeQuery('settings.get', {});
  if (!settings.data) return <section className="card">Loading…</section>;
  const s = settings.data;
  return <RetentionForm key={`${s.logMaxFileMb}|${s.logMaxFiles}|${s.logRetentionDays}`} settings={s} />;
}

function RetentionForm({ settings }: { settings: Settings }) {
  const update = useInvokeMutation('settings.update', ['settings.get', 'system.status']);
  const [form, setForm] = useState<Form>(fromSettings(settings));
  const [inputError, setInputError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const values = Object.entries(form).map(([k, v]) => [k, Number(v.trim())] as const);
    const bad = values.find(([, v]) => !Number.isInteger(v));
    if (bad) {
      setInputError('Enter whole numbers.');
      return;
    }
    setInputError(null);
    setSaved(false);
    update.mutate(Object.fromEntries(values), { onSuccess: () => setSaved(true) });
  };
  const field = (key: keyof Form, label: string, hint: string) => (
    <div className="field">
      <label htmlFor={`retention-${key}`}>{label}</label>
      <input
        id={`retention-${key}`}
        inputMode="numeric"
        value={form[key]}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
        aria-describedby={`retention-${key}-hint`}
      />
      <span id={`retention-${key}-hint`} className="muted">
        {hint}
      </span>
    </div>
  );
  return (
    <section className="card" aria-labelledby="retention-title">
      <h2 id="retention-title">Log retention</h2>
      <p className="muted">
        Log entries older than the retention age are removed on start and daily (and the removal is logged). The audit
        trail is never removed.
      </p>
      <form onSubmit={onSubmit} className="inline-form">
        {field('logMaxFileMb', 'Log file size (MB)', '1 to 1024')}
        {field('logMaxFiles', 'Log files kept', '1 to 100')}
        {field('logRetentionDays', 'Keep logs for (days)', '1 to 3650')}
        <button type="submit" disabled={update.isPending}>
          Save retention
        </button>
      </form>
      {(inputError ?? update.error) && (
        <p role="alert" className="error">
          {inputError ?? update.error?.message}
        </p>
      )}
      {saved && !update.error && <p className="ok">Retention saved.</p>}
    </section>
  );
}
