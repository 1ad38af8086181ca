import { failureOf } from '../load/outcome.ts';
import { DEVELOPMENT_PATHS } from './development-routes.ts';
import { httpCases } from './http-cases.ts';
import type { JsonSchema } from './json-schema.ts';
import type { Prng } from './prng.ts';
import { type FuzzOutcome, judgeHttp, runPool } from './verdict.ts';

const HANG_MS = 10_000;

/** Sends every HTTP case the OpenAPI document (and the development routes) yields and judges each answer. */
export async function fuzzHttp(opts: {
  baseUrl: string;
  token: string;
  prng: Prng;
  perOperation: number;
  only?: string;
}): Promise<FuzzOutcome[]> {
  const documented = (await (await fetch(`${opts.baseUrl}/docs/json`)).json()) as JsonSchema;
  const openapi = { ...documented, paths: { ...(documented.paths as object), ...DEVELOPMENT_PATHS } };
  const cases = httpCases(openapi, opts).filter((c) => !opts.only || c.id.includes(opts.only));
  return runPool(
    cases.map((c) => async (): Promise<FuzzOutcome> => {
      try {
        const res = await fetch(`${opts.baseUrl}${c.path}`, {
          method: c.method,
          headers: c.headers,
          ...(c.body !== undefined ? { body: c.body } : {}),
          signal: AbortSignal.timeout(HANG_MS),
        });
        const text = await res.text();
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
        return judgeHttp(c.id, res.status, body);
      } catch (err) {
        const failure = failureOf(err);
        return failure === 'timeout'
          ? { id: c.id, answer: 'hang', finding: 'hang' }
          : { id: c.id, answer: failure, finding: 'connection broken' };
      }
    }),
    6,
  );
}
