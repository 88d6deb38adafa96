import { useState, type FormEvent } from 'react';
import { useInvokeMutation, useInvokeQuery } from '../../client/hooks';

/**
 * Where sweeps started in the app run: this computer's cores (empty), or the BullMQ workers of a
 * Redis server (`npm run worker -- --redis URL` on each machine that should take part).
 */
export function SweepSettings() {
  const settings = useInvokeQuery('settings.get', {});
  return (
    <section className="card" aria-labelledby="sweep-settings-title">
      <h2 id="sweep-settings-title">Parameter sweeps</h2>
      <p className="muted">
        Sweeps run on this computer&apos;s cores. To spread them over more machines, run{' '}
        <code>npm run worker -- --redis redis://HOST:6379</code> on each of them and enter the same Redis server here.
      </p>
      {settings.data && (
        // Mounted once with the stored value: the form keeps what was typed and its "Saved." after the refetch.
        <RedisForm current={settings.data.sweepRedisUrl} />
      )}
    </section>
  );
}

function RedisForm({ current }: { current: string | null }) {
  const update = useInvokeMutation('settings.update', ['settings.get', 'optimize.estimate']);
  const [value, setValue] = useState(current ?? '');
  const [saved, setSaved] = useState(false);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const text = value.trim();
    update.mutate({ sweepRedisUrl: text === '' ? null : text }, { onSuccess: () => setSaved(true) });
  };
  return (
    <form onSubmit={onSubmit} className="inline-form">
      <div className="field">
        <label htmlFor="sweep-redis-url">Redis server for sweeps</label>
        <input
          id="sweep-redis-url"
          placeholder="empty: this computer"
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            setSaved(false);
          }}
          aria-describedby="sweep-redis-url-hint"
        />
        <span id="sweep-redis-url-hint" className="muted">
          redis://HOST:PORT, or rediss:// for TLS. A sweep started with no worker connected stops at once and says so.
        </span>
      </div>
      <button type="submit" disabled={update.isPending}>
        Save
      </button>
      {update.error && (
        <p role="alert" className="error">
          {update.error.message}
        </p>
      )}
      {saved && !update.error && <p className="ok">Saved.</p>}
    </form>
  );
}
