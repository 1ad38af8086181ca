/** How one request ended: its HTTP status (or socket error code), or why it got none. */
export interface Attempt {
  kind: string;
  /** When it was sent and how long until it ended, in ms. */
  at: number;
  ms: number;
  /** `201`, `503`, `refused`, `reset`, `timeout`, or a socket ack's error code. */
  outcome: string;
  ok: boolean;
}

/** Requests still unanswered after this count as hung. */
export const HANG_MS = 15_000;

const causeCode = (err: unknown): string | undefined =>
  (err as { cause?: { code?: string } } | undefined)?.cause?.code ?? (err as { code?: string } | undefined)?.code;

/** What a failed fetch became, by its cause. */
export function failureOf(err: unknown): string {
  if ((err as Error).name === 'TimeoutError') return 'timeout';
  const code = causeCode(err);
  // Reset while connecting (a listener closed with it in its backlog): nothing was sent, as refused.
  if (code === 'ECONNREFUSED' || (err as { cause?: { syscall?: string } }).cause?.syscall === 'connect')
    return 'refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'reset';
  return code ?? (err as Error).message;
}

export interface HttpAnswer {
  status: number;
  body: unknown;
}

/** A JSON request with a hang guard; answers the status and body, or throws the transport failure. */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpAnswer> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...opts.headers,
    },
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    signal: AbortSignal.timeout(HANG_MS),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: kept as text for the report.
  }
  return { status: res.status, body };
}
