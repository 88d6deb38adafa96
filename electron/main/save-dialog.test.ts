import { describe, expect, it, vi } from 'vitest';
import { createSaveFilePrompt, type SaveDialogOptions, type SaveDialogResult } from './save-dialog.js';

function fakeDialog(result: SaveDialogResult) {
  const calls: unknown[][] = [];
  return {
    calls,
    showSaveDialog: vi.fn((...args: unknown[]) => {
      calls.push(args);
      return Promise.resolve(result);
    }) as unknown as {
      (window: string, options: SaveDialogOptions): Promise<SaveDialogResult>;
      (options: SaveDialogOptions): Promise<SaveDialogResult>;
    },
  };
}

describe('createSaveFilePrompt', () => {
  it('opens the save dialog on the window, in Downloads, with the format as filter', async () => {
    const dialog = fakeDialog({ canceled: false, filePath: '/home/t/Downloads/mine.csv' });
    const prompt = createSaveFilePrompt({ dialog, window: () => 'main-window', defaultDir: () => '/home/t/Downloads' });
    const file = await prompt({
      defaultName: 'workstation-logs-20250101T000000Z.csv',
      request: { kind: 'logs', format: 'csv', filter: {} },
    });
    expect(file).toBe('/home/t/Downloads/mine.csv');
    expect(dialog.calls[0]).toEqual([
      'main-window',
      expect.objectContaining({
        title: 'Export logs',
        defaultPath: '/home/t/Downloads/workstation-logs-20250101T000000Z.csv',
        filters: [{ name: 'CSV (comma-separated values)', extensions: ['csv'] }],
      }),
    ]);
  });

  it('answers null when cancelled, and adds a missing extension', async () => {
    const cancelled = createSaveFilePrompt({
      dialog: fakeDialog({ canceled: true, filePath: '' }),
      window: () => null,
      defaultDir: () => '/tmp',
    });
    expect(await cancelled({ defaultName: 'x.json', request: { kind: 'audit', format: 'json', filter: {} } })).toBe(
      null,
    );
    const dialog = fakeDialog({ canceled: false, filePath: '/tmp/trail' });
    const bare = createSaveFilePrompt({ dialog, window: () => null, defaultDir: () => '/tmp' });
    expect(await bare({ defaultName: 'x.jsonl', request: { kind: 'audit', format: 'jsonl', filter: {} } })).toBe(
      '/tmp/trail.jsonl',
    );
    expect(dialog.calls[0]).toHaveLength(1); // no window: the dialog is not attached to one
  });
});
