import { useCallback, useEffect, useRef, useState } from 'react';
import { useInvokeMutation, useInvokeQuery } from '../client/hooks';
import { FlattenDialog, RearmDialog } from './KillSwitchDialogs';
import { clockTime, useLinkDownSince } from './stale';
import './kill-switch.css';

/** Ctrl+Shift+K (Cmd+Shift+K on macOS): FREEZE from anywhere in the app. */
export function isFreezeShortcut(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
): boolean {
  return (e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && e.key.toLowerCase() === 'k';
}

/** The command that engages the kill switch without the app (it writes the engine's database). */
export const CLI_ENGAGE = 'npm run cli -- kill-switch engage';

/** What the trader reads when a click could not reach the engine: nothing was engaged, and what works instead. */
function NotEngaged({
  since,
  dataDir,
  unsure,
}: {
  since: number | null;
  dataDir: string | undefined;
  unsure: boolean;
}) {
  const command = dataDir ? `${CLI_ENGAGE} --data-dir "${dataDir}"` : CLI_ENGAGE;
  return (
    <div role="alert" className="kill-switch-unreachable" data-testid="kill-switch-not-engaged">
      <strong>The kill switch was NOT engaged</strong>
      {unsure
        ? ': the engine did not answer, so it is not known to be engaged. '
        : `: the engine cannot be reached${since !== null ? ` (since ${clockTime(since)})` : ''}. `}
      To stop trading without this window, run in the project folder: <code>{command}</code> (the engine applies it
      within a second, or when it starts next).
    </div>
  );
}

/**
 * The header's kill switch: one click (or Ctrl+Shift+K) freezes; Flatten is in the menu beside it
 * and asks first. While engaged it says so, with Flatten (from FREEZE) and Re-arm. Without a link to
 * the engine a click sends nothing and says plainly that nothing was engaged, with the command line
 * that works without the app.
 */
export function KillSwitchControl() {
  const status = useInvokeQuery('killSwitch.status', {});
  const progress = useInvokeQuery('killSwitch.progress', {});
  const engage = useInvokeMutation('killSwitch.engage', ['killSwitch.status', 'risk.overview']);
  const [menu, setMenu] = useState(false);
  const [dialog, setDialog] = useState<'flatten' | 'rearm' | null>(null);
  const { mutate } = engage;
  const down = useLinkDownSince();
  const info = useInvokeQuery('system.info', {});
  // The drop a click found the engine unreachable in (the message goes once the link is back).
  const [clickedDown, setClickedDown] = useState<number | null>(null);
  const freeze = useCallback(() => {
    if (down !== null) {
      setClickedDown(down);
      return;
    }
    mutate({ mode: 'FREEZE', reason: 'frozen by the user' });
  }, [mutate, down]);
  const lostAnswer = engage.error?.code === 'unavailable';
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

  // The menu closes on Escape, on a click or focus anywhere else (another tab included).
  const group = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!menu) return;
    const outside = (e: Event) => {
      if (!group.current?.contains(e.target as Node)) setMenu(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setMenu(false);
    };
    document.addEventListener('mousedown', outside);
    document.addEventListener('focusin', outside);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', outside);
      document.removeEventListener('focusin', outside);
      document.removeEventListener('keydown', onKey);
    };
  }, [menu]);

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
              title={[progress.data.detail, progress.data.accountSweep].filter(Boolean).join(' · ')}
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
        <div className="kill-switch-group" ref={group}>
          <button
            type="button"
            className="kill-switch"
            data-testid="kill-switch"
            onClick={freeze}
            disabled={engage.isPending || (!ks && down === null)}
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
      {clickedDown !== null && clickedDown === down ? (
        <NotEngaged since={down} dataDir={info.data?.dataDir} unsure={false} />
      ) : lostAnswer ? (
        <NotEngaged since={down} dataDir={info.data?.dataDir} unsure />
      ) : (
        engage.error && (
          <span role="alert" className="error small">
            {engage.error.message}
          </span>
        )
      )}
      {dialog === 'flatten' && <FlattenDialog onClose={close} />}
      {dialog === 'rearm' && <RearmDialog onClose={close} />}
    </div>
  );
}
