import { useEffect, useState } from 'react';
import { AlertList } from './AlertList';
import { ChannelSettings } from './ChannelSettings';
import { RuleForm } from './RuleForm';
import { RuleList } from './RuleList';

const SECTIONS = [
  { id: 'alerts', label: 'Alerts' },
  { id: 'rules', label: 'Rules' },
  { id: 'channels', label: 'Channels' },
] as const;
type Section = (typeof SECTIONS)[number]['id'];

/** A panel over the right edge: the fired alerts, the rules that fire them, and where they are sent. */
export function AlertsDrawer({ onClose }: { onClose: () => void }) {
  const [section, setSection] = useState<Section>('alerts');
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <aside className="alerts-drawer" role="dialog" aria-label="Alerts" data-testid="alerts-drawer">
      <div className="alerts-drawer-head">
        <div className="segmented" role="tablist" aria-label="Alerts sections">
          {SECTIONS.map((s) => (
            <button
              key={s.id}
              type="button"
              role="tab"
              aria-selected={section === s.id}
              className={section === s.id ? 'active' : ''}
              onClick={() => setSection(s.id)}
            >
              {s.label}
            </button>
          ))}
        </div>
        <button type="button" onClick={onClose} aria-label="Close alerts">
          ✕
        </button>
      </div>
      <div className="alerts-drawer-body">
        {section === 'alerts' && <AlertList />}
        {section === 'rules' && (
          <>
            <RuleForm />
            <RuleList />
          </>
        )}
        {section === 'channels' && <ChannelSettings />}
      </div>
    </aside>
  );
}
