import { io, type Socket } from 'socket.io-client';
import { eventually } from '../../packages/runtime/src/testing/jobs.ts';
import type { ClusterProcesses } from './cluster-processes.ts';

export interface Reply {
  status: number;
  body: { data?: Record<string, unknown>; error?: { code: string } } & Record<string, unknown>;
}

/** A client of a cluster's gateway, as an app would be: HTTP calls and Socket.IO sockets, signed in once it logs in. */
export function clusterClient(cluster: ClusterProcesses) {
  let accessToken = '';
  const sockets: Socket[] = [];
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> => {
    const res = await fetch(`${cluster.gatewayUrl}${path}`, {
      method,
      headers: {
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
        ...headers,
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as Reply['body'] };
  };

  return {
    call,
    /**
     * Signs up, confirms the email with the link the worker's log email driver printed, and logs
     * in; `headers` go with the signup (e.g. a `traceparent`).
     */
    async signUp(account: { email: string; nickname: string; password: string }, headers: Record<string, string> = {}) {
      const signup = await call('POST', '/api/v1/auth/signup', account, headers);
      if (signup.status !== 201) throw new Error(`signup answered ${signup.status}: ${JSON.stringify(signup.body)}`);
      const token = await eventually(
        () =>
          cluster.output
            .worker!.filter((l) => l.includes(account.email))
            .join('\n')
            .match(/token=([\w-]+)/)?.[1],
        { what: `the confirmation email to ${account.email}` },
      );
      const verified = await call('POST', '/api/v1/auth/email/verify', { token });
      if (verified.status !== 200) throw new Error(`email verify answered ${verified.status}`);
      const login = await call('POST', '/api/v1/auth/login', { login: account.nickname, password: account.password });
      if (login.status !== 200) throw new Error(`login answered ${login.status}: ${JSON.stringify(login.body)}`);
      accessToken = String(login.body.data?.accessToken);
      return login.body.data!;
    },
    /** A Socket.IO socket on `/`, signed in as the logged-in user. */
    async socket(): Promise<Socket> {
      const socket = io(cluster.gatewayUrl, {
        path: '/api/v1/ws',
        transports: ['websocket'],
        reconnection: false,
        auth: { token: accessToken },
      });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      return socket;
    },
    close() {
      for (const s of sockets) s.close();
    },
  };
}
