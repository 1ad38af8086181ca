import { defineRequest } from '@seed/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorResponses, jsonSchemaOf, operationDocs, splitRequestSchema } from './openapi-schema.ts';

const schema = jsonSchemaOf(
  z.object({ roomId: z.string(), text: z.string(), limit: z.coerce.number().default(50) }),
  'input',
);

describe('splitRequestSchema', () => {
  it('puts path parameters in params and the rest in the body of a POST', () => {
    const split = splitRequestSchema(schema, { method: 'POST', path: '/rooms/:roomId/messages' });
    expect(split.params).toEqual({ type: 'object', properties: { roomId: { type: 'string' } }, required: ['roomId'] });
    expect(Object.keys((split.body as { properties: object }).properties)).toEqual(['text', 'limit']);
    expect(split.querystring).toBeUndefined();
  });

  it('puts the rest in the query string of a GET, keeping what is required', () => {
    const split = splitRequestSchema(schema, { method: 'GET', path: '/rooms/:roomId/messages' });
    expect(split.body).toBeUndefined();
    expect(split.querystring).toMatchObject({ properties: { text: { type: 'string' } }, required: ['text'] });
  });

  it('leaves out an empty body or query', () => {
    expect(
      splitRequestSchema(jsonSchemaOf(z.object({ id: z.string() }), 'input'), { method: 'DELETE', path: '/x/:id' }),
    ).toEqual({
      params: expect.any(Object),
    });
    expect(splitRequestSchema(jsonSchemaOf(z.object({}), 'input'), { method: 'POST', path: '/x' })).toEqual({});
  });

  it('finds path parameters inside a union and removes them from every branch', () => {
    const union = jsonSchemaOf(
      z.discriminatedUnion('kind', [
        z.object({ roomId: z.string(), kind: z.literal('text'), text: z.string() }),
        z.object({ roomId: z.string(), kind: z.literal('image'), imageId: z.string() }),
      ]),
      'input',
    );
    const split = splitRequestSchema(union, { method: 'POST', path: '/rooms/:roomId/messages' });
    expect(split.params).toMatchObject({ properties: { roomId: { type: 'string' } } });
    expect(JSON.stringify(split.body)).not.toContain('roomId');
    expect(JSON.stringify(split.body)).toContain('imageId');
  });
});

describe('operationDocs', () => {
  const contract = defineRequest({
    subject: 'test.thing.get',
    access: 'user',
    request: z.object({ id: z.string() }),
    reply: z.object({ name: z.string() }),
    errors: ['not_found', 'forbidden'],
    http: { method: 'GET', path: '/things/:id', tags: ['things'] },
  });

  it('wraps the reply in data under the success status and requires a bearer token', () => {
    const docs = operationDocs(contract as Parameters<typeof operationDocs>[0]);
    expect(docs.operationId).toBe('test.thing.get');
    expect(docs.response['200']).toMatchObject({ properties: { data: { properties: { name: { type: 'string' } } } } });
    expect(docs.security).toEqual([{ bearerAuth: [] }]);
  });

  it('groups declared and platform error codes by status', () => {
    const errors = errorResponses(contract);
    expect(errors['404']?.description).toBe('not_found, route_not_found');
    expect(errors['414']?.description).toBe('uri_too_long');
    expect(errors['403']?.description).toBe('forbidden');
    expect(errors['401']?.description).toBe('unauthenticated, token_expired');
    expect(errors['503']?.description).toBe('service_unavailable, overloaded');
    expect(errors['413']).toBeUndefined();
  });
});
