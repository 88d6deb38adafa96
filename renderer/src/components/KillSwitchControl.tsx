import { useCallback, useEffect, useState } from 'react';
import { useInvokeMutation, useInvokeQuery } from '../client/hooks';
import { FlattenDialog, RearmDialog } from './KillSwitchDialogs';
import './kill-switch.css';

/** Ctrl+Shift+K (Cmd+Shift+K on macOS): FREEZE from anywhere in the app. */
export function isFreezeShortcut(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
): boolean {
  return (e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && e.key.toLowerCase() === 'k';
}

/**
 * The header's kill switch: one click (or Ctrl+Shift+K) freezes; Flatten is in the menu beside it
 * and asks first. While engaged it says so, with Flatten (from FREEZE) and Re-arm.
 */
export function KillSwitchControl() {
  const status = useInvokeQuery('killSwitch.status', {});
  const progress = useInvokeQuery('killSwitch.progress', {});
  const engage = useInvokeMutation('killSwitch.engage', ['killSwitch.status', 'risk.overview']);
  const [menu, setMenu] = useState(false);
  const [dialog, setDialog] = useState<'flatten' | 'rearm' | null>(null);
  const { mutate } = engage;
  const freeze = useCallback(() => mutate({ mode: 'FREEZE', reason: 'frozen by the user' }), [mutate]);
  const close = useCallback(() => setDialog(null), []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isFreezeShortcut(e)) return;
      e.preventDefault();
      freeze();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [freeze]);

  const ks = status.data;
  return (
    <div className="kill-switch-area">
      {ks?.engaged ? (
        <>
          <div
            className="kill-switch-engaged"
            role="status"
            data-testid="kill-switch-state"
            title={`${ks.reason ?? ''} (by ${ks.by ?? 'unknown'}, ${ks.engagedAt ? new Date(ks.engagedAt).toISOString() : ''})`}
          >
            KILL SWITCH ENGAGED ({ks.mode})
          </div>
          {progress.data && progress.data.startedAt !== null && (
            <span
              className={progress.data.active ? 'kill-switch-progress active' : 'kill-switch-progress'}
              role="status"
              data-testid="kill-switch-progress"
              title={progress.data.accountSweep ?? ''}
            >
              {progress.data.detail}
            </span>
          )}
          {ks.mode === 'FREEZE' && (
            <button type="button" onClick={() => setDialog('flatten')}>
              Flatten…
            </button>
          )}
          <button type="button" onClick={() => setDialog('rearm')}>
            Re-arm…
          </button>
        </>
      ) : (
        <div className="kill-switch-group">
          <button
            type="button"
            className="kill-switch"
            data-testid="kill-switch"
            onClick={freeze}
            disabled={engage.isPending || !ks}
            aria-keyshortcuts="Control+Shift+K"
            title="Freeze: block new entries, cancel every open order, stop all strategies (Ctrl+Shift+K)"
          >
            KILL SWITCH
          </button>
          <button
            type="button"
            className="kill-switch kill-switch-more"
            aria-label="More kill switch actions"
            aria-haspopup="menu"
            aria-expanded={menu}
            onClick={() => setMenu((m) => !m)}
          >
            ▾
          </button>
          {menu && (
            <div className="kill-switch-menu" role="menu">
              <button
                type="button"
                role="menuitem"
                onClick={() => {
                  setMenu(false);
                  setDialog('flatten');
                }}
              >
                Flatten… (freeze, then close every position at market)
              </button>
            </div>
          )}
        </div>
      )}
      {engage.error && (
        <span role="alert" className="error small">
          {engage.error.message}
        </span>
      )}
      {dialog === 'flatten' && <FlattenDialog onClose={close} />}
      {dialog === 'rearm' && <RearmDialog onClose={close} />}
    </div>
  );
}
