import net from 'node:net';

export type RawAnswer =
  /** The server answered with a status line. */
  | { kind: 'status'; status: number; head: string }
  /** The server closed the connection without a status line. */
  | { kind: 'closed'; bytes: number }
  /** Nothing came back within the time limit. */
  | { kind: 'timeout' };

/**
 * Sends bytes exactly as given over a fresh TCP connection (no client normalises `//`, `%` or
 * NUL away) and resolves with the status line of the answer, if any. The connection is closed as
 * soon as the status line and headers are in.
 */
export function rawRequest(port: number, bytes: Buffer | string, timeoutMs = 5_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (answer: RawAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
    const parse = (): RawAnswer | null => {
      const text = received.toString('latin1');
      const match = /^HTTP\/1\.[01] (\d{3})[^\r\n]*\r\n/.exec(text);
      if (match && text.includes('\r\n\r\n')) {
        return { kind: 'status', status: Number(match[1]), head: text.slice(0, text.indexOf('\r\n\r\n')) };
      }
      return null;
    };
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const answer = parse();
      if (answer) finish(answer);
    });
    socket.on('error', () => finish(parse() ?? { kind: 'closed', bytes: received.length }));
    socket.on('close', () => finish(parse() ?? { kind: 'closed', bytes: received.length }));
    // The server may answer and close before the rest is written: write errors end in 'error'.
    socket.on('connect', () => socket.write(bytes));
  });
}

/** A minimal well-formed request: `GET path HTTP/1.1` with the given headers (CRLF joined). */
export function requestText(method: string, target: string, headers: Record<string, string>, body = ''): string {
  const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}`);
  return `${method} ${target} HTTP/1.1\r\n${lines.join('\r\n')}${lines.length > 0 ? '\r\n' : ''}\r\n${body}`;
}
