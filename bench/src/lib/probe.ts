/**
 * Sends one request until it answers 200 with the expected body (a stack may need a moment to
 * discover its services), so a run never measures error answers; throws with the last answer.
 */
export async function probe(opts: {
  label: string;
  url: string;
  headers: Record<string, string>;
  accept: (body: unknown) => boolean;
  timeoutMs?: number;
}): Promise<void> {
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(opts.url, { headers: opts.headers, signal: AbortSignal.timeout(5_000) });
      const text = await res.text();
      last = `${res.status} ${text.slice(0, 500)}`;
      if (res.status === 200 && opts.accept(JSON.parse(text))) return;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${opts.label} does not answer ${opts.url} as expected; last answer: ${last}`);
}
