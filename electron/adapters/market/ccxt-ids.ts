import ccxt from 'ccxt';

/** Every exchange id ccxt knows (e.g. "kraken", "coinbase"): the valid default exchanges. */
export const CCXT_EXCHANGE_IDS: readonly string[] = ccxt.exchanges;
