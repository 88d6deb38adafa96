import { useCallback, useEffect, useState } from 'react';
import { useInvokeQuery } from './client/hooks';
import { Header } from './components/Header';
import { TabBar } from './components/TabBar';
import { Toasts } from './components/Toasts';
import { TABS, type TabId } from './tabs/registry';
import { rememberedTheme, rememberTheme } from './theme';

function initialTab(): TabId {
  const fromHash = window.location.hash.replace('#', '');
  return TABS.some((t) => t.id === fromHash) ? (fromHash as TabId) : 'market';
}

export function App() {
  const [active, setActive] = useState<TabId>(initialTab);
  const settings = useInvokeQuery('settings.get', {});
  // Until the settings arrive, the theme this browser last showed (no flash of the other one).
  const stored = settings.data?.theme;
  const theme = stored ?? rememberedTheme();

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    if (stored) rememberTheme(stored);
  }, [theme, stored]);

  const select = useCallback((id: TabId) => {
    setActive(id);
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#${id}`);
  }, []);

  // Alt+1..6 jumps to a tab from anywhere.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const index = Number(e.key) - 1;
      const tab = TABS[index];
      if (tab) {
        e.preventDefault();
        select(tab.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [select]);

  const ActiveTab = TABS.find((t) => t.id === active)?.component ?? TABS[0]!.component;
  return (
    <div className="app">
      <Header />
      <TabBar tabs={TABS} active={active} onSelect={select} />
      <main className="tab-panel" role="tabpanel" id={`panel-${active}`} aria-labelledby={`tab-${active}`}>
        <ActiveTab />
      </main>
      <Toasts />
    </div>
  );
}
