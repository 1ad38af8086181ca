import { describe, expect, it } from 'vitest';
import { pathParams, requestInput } from './route-input.ts';

describe('pathParams', () => {
  it('names the parameters of a path in order', () => {
    expect(pathParams('/api/v1/chat/rooms/:roomId/messages/:messageId')).toEqual(['roomId', 'messageId']);
    expect(pathParams('/.well-known/jwks.json')).toEqual([]);
  });
});

describe('requestInput', () => {
  const params = { id: '7' };

  it('merges the query of a GET with the path parameters', () => {
    expect(requestInput({ method: 'GET' }, { params, query: { limit: '5' }, body: undefined })).toEqual({
      id: '7',
      limit: '5',
    });
  });

  it('ignores the query of a body method and takes the body', () => {
    expect(requestInput({ method: 'POST' }, { params, query: { sneaky: '1' }, body: { text: 'hi' } })).toEqual({
      id: '7',
      text: 'hi',
    });
  });

  it('lets path parameters win over the same field in the body or query', () => {
    expect(requestInput({ method: 'PATCH' }, { params, query: {}, body: { id: '8' } }).id).toBe('7');
    expect(requestInput({ method: 'DELETE' }, { params, query: { id: '8' }, body: undefined }).id).toBe('7');
  });

  it('refuses a body that is not a JSON object', () => {
    for (const body of [[1], 'text', 3, true])
      expect(() => requestInput({ method: 'POST' }, { params, query: {}, body })).toThrow(
        expect.objectContaining({ code: 'validation_failed' }),
      );
  });

  it('accepts a missing body', () => {
    expect(requestInput({ method: 'POST' }, { params, query: {}, body: null })).toEqual({ id: '7' });
  });

  it('takes a body-only operation’s input from the body and refuses any query string', () => {
    const http = { method: 'DELETE', bodyOnly: true } as const;
    expect(requestInput(http, { params, query: {}, body: { password: 'p' } })).toEqual({ id: '7', password: 'p' });
    expect(() => requestInput(http, { params, query: { password: 'p' }, body: undefined })).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    );
  });
});
