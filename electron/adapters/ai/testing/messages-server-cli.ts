/**
 * Starts the test Messages server as a process (for e2e and manual runs):
 *   node --import tsx electron/adapters/ai/testing/messages-server-cli.ts --port 0 [--scenario valid] [--api-key KEY]
 * Prints "messages server listening at http://127.0.0.1:PORT" and serves until SIGINT/SIGTERM.
 * Point the workstation at it with --anthropic-url URL (or WORKSTATION_ANTHROPIC_URL).
 */
import { startMessagesServer } from './messages-server.js';

function option(name: string): string | undefined {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === name) return args[i + 1];
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
  }
  return undefined;
}

const port = Number(option('--port') ?? '0');
const apiKey = option('--api-key');
const scenario = option('--scenario');
const server = await startMessagesServer({
  port,
  ...(apiKey !== undefined ? { apiKey } : {}),
  ...(scenario !== undefined ? { scenario } : {}),
});
process.stdout.write(`messages server listening at ${server.url}\n`);
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
