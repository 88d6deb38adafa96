import type { ServerResponse } from 'node:http';
import { EXPORT_CONTENT_TYPES, type ExportRequest } from '../../shared/domain/export.js';
import type { Core } from '../core/create-core.js';

/**
 * GET /export?dl=TICKET: the browser UI's download of an export, streamed as an attachment. The
 * server has checked Host and Origin and redeemed the one-time ticket for the request it was
 * minted for (export.downloadLink validated that request against the contract).
 */
export function handleExportRoute(
  core: Pick<Core, 'services' | 'logger'>,
  request: ExportRequest,
  res: ServerResponse,
  headers: Record<string, string>,
): void {
  const exporter = core.services.exporter;
  const fileName = exporter.fileName(request);
  res.writeHead(200, {
    ...headers,
    'content-type': EXPORT_CONTENT_TYPES[request.format],
    'content-disposition': `attachment; filename="${fileName}"`,
    'cache-control': 'no-store',
  });
  // A cancelled download closes the response: the export stops at its next page.
  const abort = new AbortController();
  res.once('close', () => abort.abort());
  exporter.download(request, res, { signal: abort.signal }).then(
    () => res.end(),
    (error: unknown) => {
      core.logger.warn('system', 'an export download stopped half-way', { error });
      res.destroy();
    },
  );
}
