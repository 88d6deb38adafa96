import { useState, type FormEvent } from 'react';
import type { AlertChannel } from '../../../shared/domain/alerts';
import type { SecretName } from '../../../shared/domain/secrets';
import { useInvokeMutation, useInvokeQuery } from '../client/hooks';

type External = Exclude<AlertChannel, 'desktop'>;

const FIELDS: Record<External, { name: SecretName; label: string; placeholder: string }[]> = {
  telegram: [
    { name: 'alerts.telegram.botToken', label: 'Bot token', placeholder: '123456:ABC… from @BotFather' },
    { name: 'alerts.telegram.chatId', label: 'Chat id', placeholder: 'e.g. 123456789 or -100…' },
  ],
  discord: [
    { name: 'alerts.discord.webhookUrl', label: 'Webhook URL', placeholder: 'https://discord.com/api/webhooks/…' },
  ],
  webhook: [{ name: 'alerts.webhook.url', label: 'URL (JSON POST)', placeholder: 'https://…' }],
};
const TITLES: Record<External, string> = { telegram: 'Telegram', discord: 'Discord', webhook: 'Webhook' };

function SecretField({ name, label, placeholder }: { name: SecretName; label: string; placeholder: string }) {
  const [value, setValue] = useState('');
  const set = useInvokeMutation('secrets.set', ['alerts.summary']);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    set.mutate({ name, value }, { onSuccess: () => setValue('') });
  };
  return (
    <form className="inline-form" onSubmit={onSubmit}>
      <label className="field grow">
        <span>{label}</span>
        <input
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={value}
          placeholder={placeholder}
          onChange={(e) => setValue(e.target.value)}
          data-testid={`alert-secret-${name}`}
        />
      </label>
      <button type="submit" disabled={value === '' || set.isPending}>
        Save
      </button>
      {set.error && <p className="error small">{set.error.message}</p>}
    </form>
  );
}

function Channel({ channel, configured }: { channel: External; configured: boolean }) {
  const test = useInvokeMutation('alerts.test', ['alerts.list', 'alerts.summary']);
  const remove = useInvokeMutation('secrets.delete', ['alerts.summary']);
  const delivery = test.data?.deliveries[0];
  return (
    <section className="channel" aria-label={TITLES[channel]} data-testid={`alert-channel-${channel}`}>
      <div className="card-head">
        <h3>{TITLES[channel]}</h3>
        <span className={configured ? 'badge badge-set' : 'badge'}>{configured ? 'Set up' : 'Not set up'}</span>
      </div>
      {FIELDS[channel].map((f) => (
        <SecretField key={f.name} {...f} />
      ))}
      <div className="toolbar">
        <button type="button" disabled={!configured || test.isPending} onClick={() => test.mutate({ channel })}>
          {test.isPending ? 'Sending…' : 'Send a test'}
        </button>
        <button
          type="button"
          disabled={!configured || remove.isPending}
          onClick={() => FIELDS[channel].forEach((f) => remove.mutate({ name: f.name }))}
        >
          Remove
        </button>
        {delivery && (
          <span className={delivery.state === 'sent' ? 'ok' : 'error'} data-testid={`alert-test-${channel}`}>
            {delivery.state === 'sent'
              ? 'Test sent'
              : `${delivery.state === 'failed' ? 'Failed' : 'Will retry'}: ${delivery.lastError ?? ''}`}
          </span>
        )}
      </div>
      {test.error && <p className="error small">{test.error.message}</p>}
    </section>
  );
}

/** Where alerts go besides the in-app list: the tokens and URLs live in the secret store, never shown back. */
export function ChannelSettings() {
  const summary = useInvokeQuery('alerts.summary', {});
  const configured = summary.data?.channelsConfigured;
  return (
    <div className="channels">
      <p className="muted small">
        Desktop notifications need nothing. Tokens and URLs are kept in the secret store and never shown again; a failed
        delivery is retried with backoff (5 s to 15 min) and shows its error in the list.
      </p>
      {(['telegram', 'discord', 'webhook'] as const).map((c) => (
        <Channel key={c} channel={c} configured={configured?.[c] ?? false} />
      ))}
    </div>
  );
}
