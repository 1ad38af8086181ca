import { fuzzHttp } from './http-fuzz.ts';
import { createPrng } from './prng.ts';
import { fuzzSockets } from './socket-fuzz.ts';
import { type FuzzTally, tally } from './verdict.ts';

export interface FuzzReport {
  seed: number;
  http: FuzzTally;
  sockets: FuzzTally;
  summary: string;
  problems: string[];
}

const answers = (t: FuzzTally) =>
  Object.entries(t.answers)
    .sort(([, x], [, y]) => y - x)
    .map(([a, n]) => `${a}×${n}`)
    .join(', ');

/**
 * Bad values for every operation of the OpenAPI document and every client event and frame of the
 * AsyncAPI document, from one seed (the same seed sends the same cases); any 5xx, `internal`,
 * unanswered event, hang or broken connection is a finding.
 */
export async function runFuzz(opts: {
  baseUrl: string;
  token: string;
  seed: number;
  quick: boolean;
  only?: string;
  log(line: string): void;
}): Promise<FuzzReport> {
  const prng = createPrng(opts.seed);
  opts.log(`fuzz: seed ${opts.seed}${opts.quick ? ' (quick)' : ''}`);
  const http = tally(
    await fuzzHttp({
      baseUrl: opts.baseUrl,
      token: opts.token,
      prng,
      perOperation: opts.quick ? 6 : 0,
      ...(opts.only ? { only: opts.only } : {}),
    }),
  );
  opts.log(`fuzz: ${http.cases} HTTP cases, ${http.findings.length} findings`);
  const sockets = tally(
    await fuzzSockets({
      baseUrl: opts.baseUrl,
      token: opts.token,
      prng,
      perEvent: opts.quick ? 6 : 0,
      ...(opts.only ? { only: opts.only } : {}),
    }),
  );
  opts.log(`fuzz: ${sockets.cases} socket cases, ${sockets.findings.length} findings`);
  const findings = [...http.findings, ...sockets.findings];
  return {
    seed: opts.seed,
    http,
    sockets,
    summary: [
      `fuzz (seed ${opts.seed}): ${http.cases} HTTP cases (${answers(http)})`,
      `  ${sockets.cases} socket and WebSocket cases (${answers(sockets)})`,
      `  ${findings.length} findings (5xx, internal, hangs, unanswered events, broken connections, bad error shapes)`,
    ].join('\n'),
    problems: findings.map(
      (f) => `fuzz ${f.finding}: ${f.id} → ${f.answer} (replay: --seed=${opts.seed} --only='${f.id}')`,
    ),
  };
}
