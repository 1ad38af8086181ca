import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { importSPKI, jwtVerify } from 'jose';

export interface FcmRequest {
  token: string;
  notification?: { title: string; body: string };
  data: Record<string, string>;
  android: { collapse_key: string };
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A local server speaking FCM HTTP v1 and Google's OAuth token exchange: it checks the signed
 * assertion against the service account's public key and the bearer token on every send, and
 * answers `UNREGISTERED` for the tokens it is told are dead.
 */
export async function startFakeFcm(opts: { projectId: string; deadTokens: string[] }) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const clientEmail = 'push@test-project.iam.gserviceaccount.com';
  const spki = await importSPKI(publicKey.export({ type: 'spki', format: 'pem' }).toString(), 'RS256');
  const issued = new Set<string>();
  const sent: FcmRequest[] = [];
  const exchanges: Record<string, unknown>[] = [];
  let tokenUrl = '';

  const server = createServer(async (req, res) => {
    const reply = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    const text = await body(req);
    if (req.method === 'POST' && req.url === '/token') {
      const form = new URLSearchParams(text);
      if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer')
        return reply(400, { error: 'unsupported_grant_type' });
      try {
        const { payload } = await jwtVerify(form.get('assertion') ?? '', spki, {
          issuer: clientEmail,
          audience: tokenUrl,
        });
        exchanges.push(payload);
      } catch {
        return reply(400, { error: 'invalid_grant' });
      }
      const token = `ya29.${issued.size + 1}`;
      issued.add(token);
      return reply(200, { access_token: token, expires_in: 3599, token_type: 'Bearer' });
    }
    if (req.method === 'POST' && req.url === `/v1/projects/${opts.projectId}/messages:send`) {
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!bearer || !issued.has(bearer)) return reply(401, { error: { code: 401, status: 'UNAUTHENTICATED' } });
      const { message } = JSON.parse(text) as { message: FcmRequest };
      if (opts.deadTokens.includes(message.token))
        return reply(404, {
          error: {
            code: 404,
            status: 'NOT_FOUND',
            details: [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode: 'UNREGISTERED' }],
          },
        });
      sent.push(message);
      return reply(200, { name: `projects/${opts.projectId}/messages/${sent.length}` });
    }
    reply(404, { error: { code: 404, status: 'NOT_FOUND' } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  tokenUrl = `${baseUrl}/token`;
  return {
    baseUrl,
    tokenUrl,
    sent,
    exchanges,
    /** The service-account JSON a Firebase console would hand out. */
    credentials: JSON.stringify({
      type: 'service_account',
      project_id: opts.projectId,
      client_email: clientEmail,
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      token_uri: tokenUrl,
    }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
