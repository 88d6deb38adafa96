/**
 * The grid's types: its persisted state (plain JSON: numbers, exact decimal strings, no classes,
 * so a running grid survives a restart), the indicator reading it decides on, the orders it asks
 * for and the fills it is told about. The rule itself is in decide.ts (see README.md).
 */
import type { GridStrategy } from '../../../shared/domain/strategy.js';
import type { BacktestVeto, OrderGate } from '../backtest/types.js';

/** Inventory bought at one level, waiting for its sell one spacing above the level. */
export type GridLot = {
  /** Exact decimal text: base quantity, buy fill price (slippage included) and the buy fee. */
  quantity: string;
  price: string;
  fee: string;
  /** Candle index and UTC ms of the buy fill. */
  index: number;
  time: number;
  /** The working sell order, placed at the close after the buy filled (null until then). */
  sellId: string | null;
};

export type GridLevel = {
  /** 1 = the level nearest the centre. */
  k: number;
  /** The buy price of this level; its inventory sells at price + spacing. */
  price: number;
  /** The working buy order at this level (exact quantity text), or null. */
  buy: { id: string; quantity: string } | null;
  lot: GridLot | null;
};

export type GridState = {
  version: 1;
  /** The close the grid was centred on; null: no grid (flat and not yet (re)centred). */
  centre: number | null;
  /** Distance between levels in price units (spacingAtrMultiple x ATR at the centring). */
  spacing: number;
  levels: GridLevel[];
  /** While the ATR breaker holds the grid paused: the ATR before the spike; else null. */
  pausedAtr: number | null;
  /** Orders issued so far (the next order id is prefix + (seq + 1)). */
  seq: number;
};

/** What the grid decides on at a candle close (NaN while an indicator warms up). */
export type GridReading = {
  /** The candle's index (the backtest's, or a live candle counter) and its close time, UTC ms. */
  index: number;
  time: number;
  close: number;
  atr: number;
  /** ATR at the previous close (the breaker compares the two). */
  prevAtr: number;
  emaFast: number;
  emaSlow: number;
};

export type GridContext = {
  strategy: GridStrategy;
  symbol: string;
  /** Account equity at the close (cash plus positions marked at the close). */
  equity: number;
  /** The risk gate, asked for every new buy order. */
  gate: OrderGate;
  /** Order ids are prefix + sequence number (default 'grid-'). */
  idPrefix?: string;
};

export type GridOrder = {
  id: string;
  side: 'buy' | 'sell';
  /** Limit price (the level's price for a buy, level + spacing for a sell). */
  price: number;
  /** Exact decimal text. */
  quantity: string;
  /** The level the order belongs to. */
  level: number;
};

/** The stop that closes all inventory (watched by the order manager or the simulator). */
export type GridStop = { price: number; quantity: string };

export type GridStatus = 'warming-up' | 'active' | 'trend-blocked' | 'paused';

export type GridDecision = {
  state: GridState;
  /** Cancel these working orders first, then place these. */
  cancel: string[];
  place: GridOrder[];
  stop: GridStop | null;
  vetoes: BacktestVeto[];
  status: GridStatus;
};

/**
 * A fill reported to the grid. buy/sell: the whole order `orderId` filled; stop/end: all inventory
 * was sold at once (stop: the stop loss; end: closed when a backtest ends). Money is exact
 * decimal text: price includes slippage, fee is the fill's whole fee.
 */
export type GridFill = {
  kind: 'buy' | 'sell' | 'stop' | 'end';
  orderId?: string;
  price: string;
  quantity: string;
  fee: string;
  /** Candle index and UTC ms stamped on the trade. */
  index: number;
  time: number;
};
