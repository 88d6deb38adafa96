import type { Writable } from 'node:stream';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { ExportFormat } from '../../../../shared/domain/export.js';
import { createFormatWriter } from './formats.js';
import type { ExportSource } from './sources.js';

export type ExportOptions = {
  /** Rows read per page; each page is one synchronous read, then the event loop gets a turn. */
  pageSize?: number;
  /** Stops the export (e.g. the browser cancelled the download). */
  signal?: AbortSignal;
};

export type ExportCounts = { rows: number; bytes: number };

export const DEFAULT_EXPORT_PAGE_SIZE = 250;

/** The destination went away (a cancelled download, a closed file) before the export ended. */
export class ExportAbortedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportAbortedError';
  }
}

/** Resolves when `out` wants more; rejects if it errors or closes first. */
function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', onError);
    };
    const onDrain = () => {
      cleanup();
      resolve();
    };
    const onClose = () => {
      cleanup();
      reject(new ExportAbortedError('the destination closed before the export finished'));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    out.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', onError);
  });
}

/**
 * Streams a source to `out` in one format, page by page (keyset, oldest first). Memory stays at
 * about one page plus the stream's buffer whatever the size of the export: each chunk waits for
 * 'drain' when the destination is full (backpressure), and the event loop gets a turn between
 * pages, so the engine keeps running during a large export. Does not end `out`.
 */
export async function writeExport(
  out: Writable,
  format: ExportFormat,
  source: ExportSource,
  options: ExportOptions = {},
): Promise<ExportCounts> {
  const pageSize = Math.max(1, options.pageSize ?? DEFAULT_EXPORT_PAGE_SIZE);
  const writer = createFormatWriter(format, source.header);
  let rows = 0;
  let bytes = 0;

  const write = async (chunk: string): Promise<void> => {
    if (chunk === '') return;
    if (options.signal?.aborted) throw new ExportAbortedError('the export was cancelled');
    if (out.destroyed || out.writableEnded) throw new ExportAbortedError('the destination is closed');
    bytes += Buffer.byteLength(chunk, 'utf8');
    if (!out.write(chunk)) await drained(out);
  };

  await write(writer.begin());
  let afterId = 0;
  for (;;) {
    const { records, lastId } = source.page(afterId, pageSize);
    if (records.length === 0) break;
    rows += records.length;
    afterId = lastId;
    await write(writer.rows(records));
    if (records.length < pageSize) break;
    await yieldToEventLoop();
  }
  await write(writer.end());
  return { rows, bytes };
}
