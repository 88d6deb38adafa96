import type { ExportRequest } from '../../../shared/domain/export';
import type { Api } from './api';

/**
 * The browser UI's export download: a one-time link minted over the WebSocket (which carries the
 * token), then an ordinary download of that link. The link works once, within a minute.
 */
export async function downloadExport(api: Pick<Api, 'invoke'>, request: ExportRequest, doc: Document = document) {
  const { url } = await api.invoke('export.downloadLink', request);
  const anchor = doc.createElement('a');
  anchor.href = url;
  anchor.download = '';
  anchor.rel = 'noopener';
  anchor.style.display = 'none';
  doc.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
}
