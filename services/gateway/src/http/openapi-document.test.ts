import { createConfig, lintFromString } from '@redocly/openapi-core';
import { registry } from '@seed/contracts';
import { createLogger, type NatsConnection, type Redis } from '@seed/runtime';
import Fastify from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TokenVerifier } from '../auth/index.ts';
import { localFileRoutes } from '../files/index.ts';
import { contractRoutes, httpContracts } from './contract-routes.ts';
import { apiDocs } from './docs.ts';

type Operation = {
  summary?: string;
  description?: string;
  requestBody?: { content: Record<string, { example?: unknown }> };
  responses: Record<string, unknown>;
};
// biome-ignore lint/suspicious/noExplicitAny: a parsed OpenAPI document
type Document = any;

/** The gateway's OpenAPI document for the real registry; the routes are never called. */
async function buildDocument(): Promise<Document> {
  const fastify = Fastify();
  const unused = {} as NatsConnection & Redis & TokenVerifier;
  await fastify.register(apiDocs, { version: '1.0.0', registry });
  await fastify.register(contractRoutes, { registry, nc: unused, verifier: unused });
  await fastify.register(localFileRoutes, {
    nc: unused,
    redis: unused,
    logger: createLogger({ service: 'test', level: 'silent' }),
  });
  await fastify.ready();
  const document = fastify.swagger();
  await fastify.close();
  return JSON.parse(JSON.stringify(document));
}

const operations = (doc: Document): [string, Operation][] =>
  Object.entries(doc.paths as Record<string, Record<string, Operation>>).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]): [string, Operation] => [`${method.toUpperCase()} ${path}`, op]),
  );

describe('the OpenAPI document', () => {
  let doc: Document;
  beforeAll(async () => {
    doc = await buildDocument();
  });

  it('passes Redocly’s recommended rules without an error or a warning', async () => {
    const config = await createConfig({
      extends: ['recommended'],
      rules: {
        // The project names no license.
        'info-license': 'off',
        // `/chat/rooms/direct/{userId}` beside `/chat/rooms/{roomId}/join` is the spec's API; the
        // router takes the literal segment first.
        'no-ambiguous-paths': 'off',
        // A text message may leave `kind` out (it defaults to text), so the send variants share no
        // required discriminator, though a message still matches only one of them.
        'no-illogical-composition-keywords': 'off',
      },
    });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: 'openapi.json', config });
    const lines = problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} (${p.location[0]?.pointer})`);
    expect(lines).toEqual([]);
  });

  it('gives every operation a summary and a description, and every request body an example', () => {
    for (const [name, op] of operations(doc)) {
      expect(op.summary, name).toBeTruthy();
      expect(op.description, name).toBeTruthy();
      for (const [type, media] of Object.entries(op.requestBody?.content ?? {}))
        if (type === 'application/json') expect(media.example, `${name} example`).toBeDefined();
    }
  });

  it('names the shared models and refers to them from the operations', () => {
    const names = Object.keys(doc.components.schemas);
    expect(names).toEqual(
      expect.arrayContaining(['User', 'Profile', 'Playlist', 'PlaylistItem', 'Room', 'Message', 'Friend', 'Error']),
    );
    const me = doc.paths['/api/v1/users/me'].get.responses['200'].content['application/json'].schema;
    expect(me.properties.data).toEqual({ $ref: '#/components/schemas/Profile' });
    const history = doc.paths['/api/v1/chat/rooms/{roomId}/messages'].get.responses['200'].content['application/json'];
    expect(history.schema.properties.data.items).toEqual({ $ref: '#/components/schemas/Message' });
  });

  it('documents the local storage driver’s files route', () => {
    expect(doc.paths['/api/v1/files/{token}'].put.requestBody.content['application/octet-stream']).toBeDefined();
    expect(doc.paths['/api/v1/files/{token}'].get.summary).toBeTruthy();
  });

  it('checks each contract’s example against its request schema', () => {
    for (const contract of httpContracts(registry)) {
      if (contract.http.example === undefined) continue;
      const parsed = contract.request.safeParse(contract.http.example);
      expect(parsed.success ? [] : parsed.error.issues, contract.subject).toEqual([]);
    }
  });
});
