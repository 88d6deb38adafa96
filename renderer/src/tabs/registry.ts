import type { ComponentType } from 'react';
import { LogsTab } from './logs/LogsTab';
import { MarketTab } from './market/MarketTab';
import { OrdersTab } from './orders/OrdersTab';
import { RiskTab } from './risk/RiskTab';
import { SettingsTab } from './SettingsTab';
import { StrategiesTab } from './strategies/StrategiesTab';

export type TabId = 'market' | 'strategies' | 'risk' | 'orders' | 'logs' | 'settings';

export type TabDef = { id: TabId; label: string; component: ComponentType };

export const TABS: readonly TabDef[] = [
  { id: 'market', label: 'Market', component: MarketTab },
  { id: 'strategies', label: 'Strategies', component: StrategiesTab },
  { id: 'risk', label: 'Risk', component: RiskTab },
  { id: 'orders', label: 'Orders', component: OrdersTab },
  { id: 'logs', label: 'Logs', component: LogsTab },
  { id: 'settings', label: 'Settings', component: SettingsTab },
];
