import { getUsers } from '@seed/contracts';
import { createServiceHost, type Logger, type NatsConnection } from '@seed/runtime';

/** Answers `auth.user.get` for the given users, as the auth service would. */
export async function serveUsers(nc: NatsConnection, logger: Logger, users: Map<string, string>) {
  const host = await createServiceHost(nc, { name: 'auth', version: '0.0.0', logger });
  host.serve(getUsers, ({ ids }) => ({
    users: ids.flatMap((id) => {
      const nickname = users.get(id);
      return nickname ? [{ id, nickname, name: null, avatarUrl: null }] : [];
    }),
  }));
  return host;
}
