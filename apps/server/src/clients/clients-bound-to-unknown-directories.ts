import type { ClientRegistry } from './client-registry.js';

/**
 * One problem per active client bound to a directory that USER_DIRECTORIES_FILE does not name (it was
 * renamed or removed since the client was bound). The server refuses to start on any: such a client's
 * every call would fail, and it must not quietly fall back to another population of users. Revoked
 * clients serve nothing, so they are left out. Needs Redis, hence checked after connecting.
 */
export async function clientsBoundToUnknownDirectories(
  clients: Pick<ClientRegistry, 'list'>,
  directoryNames: readonly string[],
): Promise<string[]> {
  const known = new Set(directoryNames);
  return (await clients.list())
    .filter((client) => client.revokedAt === undefined && !known.has(client.directory))
    .map(
      (client) =>
        `client ${client.clientId} (${client.name}) is bound to user directory "${client.directory}", which USER_DIRECTORIES_FILE ` +
        `does not name; add it to the file or run: pnpm cli clients update ${client.clientId} --directory NAME`,
    );
}
