// The desktop side of exports: Electron's save dialog behind the core's SaveFilePrompt port.
import path from 'node:path';
import type { ExportFormat } from '../../shared/domain/export.js';
import type { SaveFilePrompt } from '../core/services/export/export-service.js';

export type SaveDialogOptions = {
  title: string;
  defaultPath: string;
  buttonLabel: string;
  filters: Array<{ name: string; extensions: string[] }>;
};
export type SaveDialogResult = { canceled: boolean; filePath?: string };

/** The part of Electron's dialog used (with a parent window the dialog is modal to it). */
export type SaveDialogLike<W> = {
  showSaveDialog(window: W, options: SaveDialogOptions): Promise<SaveDialogResult>;
  showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogResult>;
};

const FILTERS: Record<ExportFormat, { name: string; extensions: string[] }> = {
  csv: { name: 'CSV (comma-separated values)', extensions: ['csv'] },
  json: { name: 'JSON array', extensions: ['json'] },
  jsonl: { name: 'JSON lines', extensions: ['jsonl'] },
};

export function createSaveFilePrompt<W>(deps: {
  dialog: SaveDialogLike<W>;
  /** The window to attach the dialog to, if one is open. */
  window: () => W | null;
  /** Where the dialog starts (the user's Downloads folder). */
  defaultDir: () => string;
}): SaveFilePrompt {
  return async ({ defaultName, request }) => {
    const options: SaveDialogOptions = {
      title: request.kind === 'logs' ? 'Export logs' : 'Export the audit trail',
      defaultPath: path.join(deps.defaultDir(), defaultName),
      buttonLabel: 'Export',
      filters: [FILTERS[request.format]],
    };
    const window = deps.window();
    const result = await (window === null
      ? deps.dialog.showSaveDialog(options)
      : deps.dialog.showSaveDialog(window, options));
    if (result.canceled || !result.filePath) return null;
    const file = result.filePath;
    // Linux dialogs do not always add the extension of the chosen filter.
    return path.extname(file) === '' ? `${file}.${request.format}` : file;
  };
}
