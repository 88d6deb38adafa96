import os from 'node:os';

function formatUrlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** `host:port` as it appears in a URL and a Host header (IPv6 in brackets). */
export function hostPort(host: string, port: number): string {
  return `${formatUrlHost(host)}:${port}`;
}

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

/**
 * The Host (and Origin host) values this server answers to: the loopback names, the configured
 * host, and for a wildcard address (0.0.0.0, ::) every address of this machine and its name.
 * Anything else is refused (DNS rebinding: a page on evil.example resolving to this machine).
 */
export function allowedHostSet(host: string, port: number): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '::1', host]);
  if (WILDCARDS.has(host)) {
    names.add(os.hostname());
    for (const list of Object.values(os.networkInterfaces())) {
      for (const address of list ?? []) names.add(address.address);
    }
  }
  return new Set([...names].filter((n) => !WILDCARDS.has(n)).map((n) => hostPort(n, port).toLowerCase()));
}
