import { eventually } from '@seed/runtime/testing';
import { connectTestSocket, fetchJson, type ServiceProcesses, type TestSocket } from '@seed/testkit';

type Body = { data?: Record<string, unknown>; error?: { code: string } } & Record<string, unknown>;

/** A client of a cluster's gateway, as an app would be: HTTP calls and Socket.IO sockets, signed in once it logs in. */
export function clusterClient(cluster: ServiceProcesses) {
  let accessToken = '';
  const sockets: TestSocket[] = [];
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetchJson<Body>(cluster.gatewayUrl, method, path, {
      ...(body !== undefined ? { body } : {}),
      ...(accessToken ? { token: accessToken } : {}),
      headers,
    });

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
          cluster
            .lines('worker')
            .filter((l) => l.includes(account.email))
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
    async socket(): Promise<TestSocket> {
      const socket = await connectTestSocket(cluster.gatewayUrl, { token: accessToken });
      sockets.push(socket);
      return socket;
    },
    close() {
      for (const s of sockets) s.close();
    },
  };
}
