import { useState, type FormEvent } from 'react';
import type { SecretName } from '../../../../shared/domain/secrets';
import { useInvokeMutation, useInvokeQuery } from '../../client/hooks';
import { forTrader } from './messages';

const LABELS: Record<string, string> = {
  'anthropic.apiKey': 'Anthropic API key (Claude)',
};

function label(name: string): string {
  const known = LABELS[name];
  if (known) return known;
  const [, exchange, field] = name.split('.');
  return `${exchange ?? ''} ${field === 'apiKey' ? 'API key' : field === 'secret' ? 'API secret' : 'password'}`;
}

function SecretRow({ name, isSet, writable }: { name: SecretName; isSet: boolean; writable: boolean }) {
  const [value, setValue] = useState('');
  const set = useInvokeMutation('secrets.set', ['secrets.overview']);
  const remove = useInvokeMutation('secrets.delete', ['secrets.overview']);
  const error = set.error ?? remove.error;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    set.mutate({ name, value }, { onSuccess: () => setValue('') });
  };
  const id = `secret-${name.replaceAll('.', '-')}`;
  return (
    <form className="secret-row" onSubmit={onSubmit} data-testid={id}>
      <label htmlFor={id}>{label(name)}</label>
      <span className={isSet ? 'badge badge-set' : 'badge'} data-testid={`${id}-status`}>
        {isSet ? 'Set' : 'Not set'}
      </span>
      <input
        id={id}
        type="password"
        autoComplete="off"
        spellCheck={false}
        placeholder={isSet ? 'Replace the stored value' : 'Paste the value'}
        value={value}
        disabled={!writable}
        onChange={(e) => setValue(e.target.value)}
      />
      <button type="submit" disabled={!writable || value === '' || set.isPending}>
        Save
      </button>
      <button type="button" disabled={!writable || !isSet || remove.isPending} onClick={() => remove.mutate({ name })}>
        Delete
      </button>
      {error && (
        <p role="alert" className="error">
          {forTrader(error.message)}
        </p>
      )}
    </form>
  );
}

export function SecretsSettings() {
  const overview = useInvokeQuery('secrets.overview', {});
  const info = useInvokeQuery('system.info', {});
  if (overview.error) return <section className="card error">{forTrader(overview.error.message)}</section>;
  if (!overview.data) return <section className="card">Loading keys…</section>;
  const { backendDescription, writable, secrets } = overview.data;
  return (
    <section className="card" aria-labelledby="keys-title">
      <h2 id="keys-title">API keys</h2>
      <p className="muted" data-testid="secret-backend">
        Stored in: {backendDescription}. Keys are never shown again after saving; the app only tells whether one is set.
      </p>
      {!writable && (
        <div className="warning" data-testid="secrets-read-only">
          <p>
            This store is read-only: the keys come from environment variables and cannot be set here. To set them here,
            stop the engine and start it again with a passphrase of your choice (asked again at every start; it encrypts
            the key file in the data directory):
          </p>
          <pre className="mono">
            WORKSTATION_SECRETS_PASSPHRASE=&apos;your passphrase&apos; npm run headless
            {info.data ? ` -- --data-dir "${info.data.dataDir}"` : ''}
          </pre>
          <p>Or use the desktop app, which keeps keys in the OS keychain.</p>
        </div>
      )}
      {secrets.map((s) => (
        <SecretRow key={s.name} name={s.name} isSet={s.isSet} writable={writable} />
      ))}
    </section>
  );
}
