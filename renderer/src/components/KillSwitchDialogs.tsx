import { useState, type FormEvent } from 'react';
import { KILL_SWITCH_REARM_CONFIRMATION } from '../../../shared/domain/risk';
import { FLATTEN_CONFIRMATION } from '../../../shared/domain/risk-view';
import { useInvokeMutation } from '../client/hooks';
import { Dialog } from './Dialog';

/** FLATTEN asks first: it sells every position at market, which cannot be undone. */
export function FlattenDialog({ onClose }: { onClose: () => void }) {
  const engage = useInvokeMutation('killSwitch.engage', ['killSwitch.status', 'risk.overview', 'portfolio.get']);
  return (
    <Dialog title="Flatten: close every position?" onClose={onClose} testId="flatten-dialog">
      <p>
        This freezes trading (no new entries, every open order cancelled, strategies stopped) and then
        <strong> sells every position at market</strong>. It cannot be undone.
      </p>
      {engage.error && (
        <p role="alert" className="error">
          {engage.error.message}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="danger"
          disabled={engage.isPending}
          onClick={() =>
            engage.mutate(
              { mode: 'FLATTEN', confirm: FLATTEN_CONFIRMATION, reason: 'flattened by the user' },
              { onSuccess: onClose },
            )
          }
        >
          Flatten now
        </button>
      </div>
    </Dialog>
  );
}

/** Re-arming needs the confirmation text typed exactly; the engine checks it again and audits the re-arm. */
export function RearmDialog({ onClose }: { onClose: () => void }) {
  const rearm = useInvokeMutation('killSwitch.rearm', ['killSwitch.status', 'risk.overview']);
  const [text, setText] = useState('');
  const matches = text === KILL_SWITCH_REARM_CONFIRMATION;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (matches) rearm.mutate({ confirm: text }, { onSuccess: onClose });
  };
  return (
    <Dialog title="Re-arm trading" onClose={onClose} testId="rearm-dialog">
      <form onSubmit={onSubmit}>
        <p>
          New entries are allowed again once the kill switch is re-armed. Type{' '}
          <strong className="mono">{KILL_SWITCH_REARM_CONFIRMATION}</strong> to confirm.
        </p>
        <div className="field">
          <label htmlFor="rearm-confirm">Confirmation</label>
          <input
            id="rearm-confirm"
            value={text}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        {rearm.error && (
          <p role="alert" className="error">
            {rearm.error.message}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" disabled={!matches || rearm.isPending}>
            Re-arm trading
          </button>
        </div>
      </form>
    </Dialog>
  );
}
