import { useInvokeQuery } from '../../client/hooks';
import { SingleSettingForm } from './SingleSettingForm';

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
  return (
    <SingleSettingForm
      id="sweep-redis-url"
      label="Redis server for sweeps"
      hint="redis://HOST:PORT, or rediss:// for TLS. A sweep started with no worker connected stops at once and says so."
      placeholder="empty: this computer"
      initial={current ?? ''}
      toPatch={(text) => ({ sweepRedisUrl: text.trim() === '' ? null : text.trim() })}
      invalidates={['optimize.estimate']}
    />
  );
}
