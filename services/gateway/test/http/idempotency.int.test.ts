import { eventually, uniqueName } from '@seed/runtime/testing';
import { describe, expect, type FakeAuth, type TestGateway } from '@seed/testkit';
import { test } from '../support/fixtures.ts';
import { json } from '../support/http.ts';
import { TEST_API as api } from '../support/test-service.ts';

describe('Idempotency-Key on POST routes', () => {
  let gateway: TestGateway;
  let auth: FakeAuth;
  let ran: string[];

  test.beforeAll(async ({ startTestGateway, fakeAuth, created }) => {
    auth = fakeAuth;
    ran = created;
    gateway = await startTestGateway({ env: { RATE_LIMIT_MAX: '100000' } });
  });

  const create = (body: object, headers: Record<string, string> = {}) =>
    fetch(`${gateway.url}${api}/things`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const times = (name: string) => ran.filter((n) => n === name).length;

  test('lets a client retry a request that timed out (504) and get the first answer, run once', async () => {
    const key = { 'idempotency-key': uniqueName('k') };
    const first = await create({ name: 'slow-one', ms: 1_000 }, key);
    expect(first.status).toBe(504);
    const retried = await eventually(
      async () => {
        const res = await create({ name: 'slow-one', ms: 1_000 }, key);
        if (res.status === 409) expect((await json(res)).error.code).toBe('idempotency_key_in_use');
        return res.status === 201 ? json(res) : undefined;
      },
      { what: 'the kept answer' },
    );
    const again = await create({ name: 'slow-one', ms: 1_000 }, key);
    expect(again.status).toBe(201);
    expect((await json(again)).data).toEqual(retried.data);
    expect(times('slow-one')).toBe(1);
  });

  test('answers the same kept error to a retry of a refused request', async () => {
    const key = { 'idempotency-key': uniqueName('k') };
    const first = await create({ name: 'taken' }, key);
    const retry = await create({ name: 'taken' }, key);
    expect([first.status, retry.status]).toEqual([409, 409]);
    expect((await json(retry)).error.code).toBe('conflict');
    expect(times('taken')).toBe(1);
  });

  test('refuses the same key with another body as idempotency_key_reused, per caller', async () => {
    const key = { 'idempotency-key': uniqueName('k') };
    expect((await create({ name: 'first' }, key)).status).toBe(201);
    const reused = await create({ name: 'second' }, key);
    expect(reused.status).toBe(422);
    expect((await json(reused)).error.code).toBe('idempotency_key_reused');
    // Another caller's key of the same name is its own.
    const token = await auth.sign('1001');
    const other = await create({ name: 'second' }, { ...key, authorization: `Bearer ${token}` });
    expect(other.status).toBe(201);
  });

  test('runs every request sent without a key, and refuses a malformed key', async () => {
    await create({ name: 'twice' });
    await create({ name: 'twice' });
    expect(times('twice')).toBe(2);
    const bad = await create({ name: 'bad key' }, { 'idempotency-key': 'has spaces in it' });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.code).toBe('validation_failed');
  });
});
