// Before the window closes with LIVE stop orders held by the engine (they protect only while the
// workstation runs), the trader is asked; native stops on the exchange need no warning.

/** The part of a BrowserWindow watched here. */
export type Closable = { on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown };

export function closeWarning(count: number): string {
  return (
    `${count} stop order(s) are held by the engine: they protect only while the workstation runs. ` +
    'Once the app is closed nothing triggers them. Keep the app running, or close anyway ' +
    '(to keep stops on the exchange, choose "Native stops kept on the exchange" in the Risk tab).'
  );
}

export function guardClose(
  window: Closable,
  o: { engineHeldStops(): number; confirm(message: string): boolean },
): void {
  window.on('close', (event) => {
    const count = o.engineHeldStops();
    if (count === 0) return;
    if (!o.confirm(closeWarning(count))) event.preventDefault();
  });
}
