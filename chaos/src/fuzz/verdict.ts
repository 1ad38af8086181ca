/** What one fuzz case got back, judged: a 5xx, a hang or an answer outside the error shape is a finding. */
export interface FuzzOutcome {
  id: string;
  /** `400`, `ok`, `validation_failed`, `hang`, `reset`, … */
  answer: string;
  finding?: 'server error' | 'hang' | 'bad error shape' | 'connection broken';
}

export interface FuzzTally {
  cases: number;
  findings: FuzzOutcome[];
  /** Answers by kind, e.g. `400` → 812. */
  answers: Record<string, number>;
}

export function tally(outcomes: FuzzOutcome[]): FuzzTally {
  const answers: Record<string, number> = {};
  for (const o of outcomes) answers[o.answer] = (answers[o.answer] ?? 0) + 1;
  return { cases: outcomes.length, findings: outcomes.filter((o) => o.finding), answers };
}

const isErrorBody = (body: unknown): boolean => {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
};

/** An HTTP answer: any 5xx is a finding, and so is an error not in `{error: {code, message}}`. */
export function judgeHttp(id: string, status: number, body: unknown): FuzzOutcome {
  if (status >= 500) return { id, answer: String(status), finding: 'server error' };
  if (status >= 400 && !isErrorBody(body)) return { id, answer: String(status), finding: 'bad error shape' };
  return { id, answer: String(status) };
}

/** Runs `tasks` with at most `concurrency` at once. */
export async function runPool<T>(tasks: (() => Promise<T>)[], concurrency: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await (tasks[i] as () => Promise<T>)();
      }
    }),
  );
  return results;
}
