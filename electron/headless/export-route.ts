import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { EXPORT_CONTENT_TYPES, exportRequestFromParams, type ExportRequest } from '../../shared/domain/export.js';
import type { Core } from '../core/create-core.js';
import { describeIssues } from '../core/dispatch.js';

/**
 * GET /export?kind=logs|audit&format=csv|json|jsonl&level=..&category=..&symbol=..&text=..&from=..&to=..
 * (audit: auditKind=..): the browser UI's download of an export, streamed as an attachment. The
 * server has already checked the token, Host and Origin, as for every request.
 */
export function handleExportRoute(
  core: Pick<Core, 'services' | 'logger'>,
  req: IncomingMessage,
  url: URL,
  res: ServerResponse,
  headers: Record<string, string>,
): void {
  if (req.method !== 'GET') {
    res.writeHead(405, { ...headers, allow: 'GET' }).end();
    return;
  }
  let request: ExportRequest;
  try {
    request = exportRequestFromParams(url.searchParams);
  } catch (error) {
    const message = error instanceof z.ZodError ? describeIssues(error) : String(error);
    res
      .writeHead(400, { ...headers, 'content-type': 'text/plain; charset=utf-8' })
      .end(`400: the export parameters are wrong: ${message}\n`);
    return;
  }
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
    () => res.destroy(),
  );
}
