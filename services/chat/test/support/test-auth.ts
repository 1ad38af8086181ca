import { type ChatUser, findUser, getUsers, invalidateDevices, listDevices } from '@seed/contracts';
import { createServiceHost, type Logger, type NatsConnection } from '@seed/runtime';

/** Answers auth's user look-ups from a list, as auth would from its accounts. */
export async function serveTestUsers(nc: NatsConnection, logger: Logger, initial: ChatUser[] = []) {
  const users = new Map(initial.map((u) => [u.id, u]));
  const host = await createServiceHost(nc, { name: 'auth', version: '0.0.0', logger });
  host.serve(getUsers, ({ ids }) => ({ users: ids.flatMap((id) => (users.has(id) ? [users.get(id)!] : [])) }));
  host.serve(findUser, ({ nickname }) => ({
    user: [...users.values()].find((u) => u.nickname.toLowerCase() === nickname.toLowerCase()) ?? null,
  }));
  return {
    add(...more: ChatUser[]) {
      for (const u of more) users.set(u.id, u);
    },
    stop: () => host.stop(),
  };
}

/** Answers auth's push-device look-ups from a list and records what is invalidated. */
export async function serveTestDevices(nc: NatsConnection, logger: Logger) {
  const devices: { userId: string; token: string; platform: 'android' | 'ios' | 'web' }[] = [];
  const invalidated: string[] = [];
  const host = await createServiceHost(nc, { name: 'auth', version: '0.0.0', logger });
  host.serve(listDevices, ({ userIds }) => ({ devices: devices.filter((d) => userIds.includes(d.userId)) }));
  host.serve(invalidateDevices, ({ tokens }) => {
    invalidated.push(...tokens);
    const before = devices.length;
    devices.splice(0, devices.length, ...devices.filter((d) => !tokens.includes(d.token)));
    return { removed: before - devices.length };
  });
  return {
    invalidated,
    register(userId: string, token: string) {
      devices.push({ userId, token, platform: 'android' });
    },
    stop: () => host.stop(),
  };
}
