/**
 * One sentence for an operator when the server cannot listen, instead of a stack: what failed,
 * where, and what to do about it.
 */
export function describeListenError(error: unknown, host: string, port: number): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
  const where = `${host}:${port}`;
  switch (code) {
    case 'EADDRINUSE':
      return `cannot listen on ${where}: the port is in use by another process; stop it or set PORT to a free port`;
    case 'EACCES':
      return `cannot listen on ${where}: permission denied (ports below 1024 need privileges); set PORT to 1024 or above`;
    case 'EADDRNOTAVAIL':
      return `cannot listen on ${where}: this machine has no such address; set HOST to one of its addresses (e.g. 127.0.0.1)`;
    default:
      return `cannot listen on ${where}: ${error instanceof Error ? error.message : String(error)}`;
  }
}
