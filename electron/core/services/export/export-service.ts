import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { AppError } from '../../../../shared/ipc/envelope.js';
import { exportFileName, type ExportRequest, type ExportResult } from '../../../../shared/domain/export.js';
import type { Clock } from '../../../engine/clock.js';
import type { LogStore } from '../../../logging/log-store.js';
import type { Redactor } from '../../../logging/redact.js';
import type { Logger } from '../../../logging/types.js';
import type { AuditRepo } from '../../../persistence/repositories/audit-repo.js';
import type { AuditRecorder } from '../audit-service.js';
import { writeExport, type ExportCounts, type ExportOptions } from './exporter.js';
import { auditExportSource, logExportSource, type ExportSource } from './sources.js';

/**
 * Asks the user where to save a file (Electron: dialog.showSaveDialog); null when cancelled.
 * Injected by electron/main, because the core never imports electron.
 */
export type SaveFilePrompt = (options: { defaultName: string; request: ExportRequest }) => Promise<string | null>;

export type ExportService = {
  /** A file name that says what is inside and when it was made. */
  fileName(request: ExportRequest): string;
  /** Streams an export to `out` (not ended), without recording it: the building block. */
  stream(request: ExportRequest, out: Writable, options?: ExportOptions): Promise<ExportCounts>;
  /** Streams an export the user downloads (browser UI) and records it in the audit trail. */
  download(request: ExportRequest, out: Writable, options?: ExportOptions): Promise<ExportCounts>;
  /** Writes an export to a file (through a temporary file, renamed when complete) and records it. */
  toFile(request: ExportRequest, file: string): Promise<ExportCounts>;
  /** Desktop: asks where to save through the injected prompt, then writes the file. */
  save(request: ExportRequest): Promise<ExportResult>;
};

export type ExportDeps = {
  logStore: LogStore;
  auditRepo: AuditRepo;
  redactor: Redactor;
  clock: Clock;
  logger: Logger;
  /** Records each finished export (absent in the read-only CLI). */
  audit?: AuditRecorder;
  saveFilePrompt?: SaveFilePrompt;
};

export function exportSource(
  request: ExportRequest,
  deps: Pick<ExportDeps, 'logStore' | 'auditRepo' | 'redactor'>,
): ExportSource {
  return request.kind === 'logs'
    ? logExportSource(deps.logStore, request.filter, deps.redactor)
    : auditExportSource(deps.auditRepo, request.filter, deps.redactor);
}

/** Writes to `file` through `file.partial`: the file appears only complete, never half-written. */
export async function exportToFile(
  request: ExportRequest,
  file: string,
  source: ExportSource,
  options: ExportOptions = {},
): Promise<ExportCounts> {
  const target = path.resolve(file);
  const partial = `${target}.partial`;
  const out = fs.createWriteStream(partial, { flags: 'w' });
  try {
    const counts = await writeExport(out, request.format, source, options);
    out.end();
    await finished(out);
    fs.renameSync(partial, target);
    return counts;
  } catch (error) {
    out.destroy();
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

function describe(request: ExportRequest, counts: ExportCounts, destination: string): string {
  const what = request.kind === 'logs' ? 'log entries' : 'audit entries';
  return `exported ${counts.rows} ${what} as ${request.format.toUpperCase()} to ${destination}`;
}

export function createExportService(deps: ExportDeps): ExportService {
  const { logger } = deps;

  function recordExport(request: ExportRequest, counts: ExportCounts, destination: string): void {
    deps.audit?.record('data.exported', 'user', describe(request, counts, destination), {
      kind: request.kind,
      format: request.format,
      filter: request.filter,
      rows: counts.rows,
      bytes: counts.bytes,
      destination,
    });
  }

  const service: ExportService = {
    fileName: (request) => exportFileName(request, deps.clock.now()),
    stream: (request, out, options) => writeExport(out, request.format, exportSource(request, deps), options),
    async download(request, out, options) {
      try {
        const counts = await service.stream(request, out, options);
        recordExport(request, counts, 'a browser download');
        return counts;
      } catch (error) {
        logger.warn('system', `a ${request.kind} export download did not finish`, { error });
        throw error;
      }
    },
    async toFile(request, file) {
      try {
        const counts = await exportToFile(request, file, exportSource(request, deps));
        recordExport(request, counts, file);
        return counts;
      } catch (error) {
        logger.error('system', `the ${request.kind} export to ${file} failed`, { error });
        const reason = error instanceof Error ? error.message : String(error);
        throw new AppError('unavailable', `The export could not be written to ${file}: ${reason}`);
      }
    },
    async save(request) {
      if (deps.saveFilePrompt === undefined) {
        throw new AppError(
          'unavailable',
          'Saving through a dialog needs the desktop app; in the browser, use the download links of the Logs tab.',
        );
      }
      const file = await deps.saveFilePrompt({ defaultName: service.fileName(request), request });
      if (file === null) return { status: 'cancelled', file: null, rows: 0, bytes: 0 };
      const counts = await service.toFile(request, file);
      return { status: 'saved', file, ...counts };
    },
  };
  return service;
}
