import type { Logger } from '../logging/types.js';
import { conversionReporter, convertCandleRowsAsync } from '../persistence/candle-conversion.js';
import { openDatabase, type Database } from '../persistence/database.js';
import { MIGRATIONS } from '../persistence/migrations/index.js';
import type { CoreConfig } from './core-config.js';

/**
 * Opens the engine's database (every migration, synchronous=FULL) and converts the candle rows a
 * database from before migration 12 still holds into blocks, once: a turn for the event loop
 * between chunks, so the start screen can show the progress. If either fails, the database is
 * closed, the failure logged, `closeLogs` called, and the error thrown; whatever was converted stays
 * converted and the next start resumes after the last whole chunk.
 */
export async function openStore(options: {
  file: string;
  logger: Logger;
  closeLogs: () => Promise<void>;
  config: Pick<CoreConfig, 'onConversion' | 'conversionPause'>;
}): Promise<Database> {
  const { logger, config } = options;
  let db: Database;
  try {
    db = openDatabase({ file: options.file, migrations: MIGRATIONS, synchronous: 'FULL' });
  } catch (error) {
    logger.error('system', 'the database could not be opened', { error });
    await options.closeLogs();
    throw error;
  }
  const logConversion = conversionReporter((line, p) =>
    logger.info('system', line, { converted: p.converted, total: p.total, elapsedMs: Math.round(p.elapsedMs) }),
  );
  try {
    await convertCandleRowsAsync(db, {
      onProgress: (p) => {
        logConversion(p);
        config.onConversion?.(p);
      },
      ...(config.conversionPause ? { pause: config.conversionPause } : {}),
    });
  } catch (error) {
    logger.error('system', 'converting the stored candles into blocks stopped', { error });
    db.close();
    await options.closeLogs();
    throw error;
  }
  return db;
}
