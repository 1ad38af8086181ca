// The load generator's own process: autocannon must not share an event loop with the bench or
// with a server under test.
import { createHistogram } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type { LoadJob, LoadMessage, LoadResult } from './lib/autocannon-runner.ts';
import { reportReady } from './lib/child.ts';

async function measure(job: LoadJob, durationS: number): Promise<LoadResult> {
  // autocannon's own histogram has 1 ms resolution; sub-millisecond differences are the point here.
  const latencyUs = createHistogram();
  const perSecond: number[] = [];
  const startedAt = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: job.url,
        headers: job.headers,
        ...(job.method ? { method: job.method } : {}),
        ...(job.body !== undefined ? { body: job.body } : {}),
        ...(job.idReplacement ? { idReplacement: true } : {}),
        connections: job.connections,
        duration: durationS,
        timeout: job.timeoutS,
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client, status, _bytes, responseMs) => {
      if (status < 200 || status >= 300) return;
      latencyUs.record(Math.max(1, Math.round(responseMs * 1000)));
      const second = Math.floor((performance.now() - startedAt) / 1000);
      perSecond[second] = (perSecond[second] ?? 0) + 1;
    });
  });
  const ok = result['2xx'];
  return {
    durationS: result.duration,
    requests: ok,
    reqPerSec: ok / result.duration,
    p50Ms: latencyUs.percentile(50) / 1000,
    p90Ms: latencyUs.percentile(90) / 1000,
    p99Ms: latencyUs.percentile(99) / 1000,
    maxMs: latencyUs.max / 1000,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0]),
    ),
    // Whole seconds only: the last one is cut short by the end of the run.
    perSecond: Array.from(perSecond.slice(0, Math.floor(durationS)), (n) => n ?? 0),
  };
}

process.once('message', async (job: LoadJob) => {
  try {
    if (job.warmupS > 0) await measure(job, job.warmupS);
    process.send?.({ type: 'measuring' } satisfies LoadMessage);
    process.send?.({ type: 'result', result: await measure(job, job.durationS) } satisfies LoadMessage);
  } catch (err) {
    process.send?.({ type: 'failed', message: (err as Error).message } satisfies LoadMessage);
  }
  // Stays until the bench stops it: threads ending now would vanish from its CPU reading.
});

reportReady();
