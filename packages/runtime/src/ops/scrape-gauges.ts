/**
 * A read done once per scrape for several gauges: prom-client collects the gauges of a scrape at
 * the same time, so the first to ask starts the read and the others share it. A read that fails,
 * or takes longer than `timeoutMs` (a server that does not answer must not hang /metrics), gives
 * undefined: the gauges then keep no value, so a missing series tells it.
 */
export function readOncePerScrape<T>(read: () => Promise<T>, timeoutMs = 2_000): () => Promise<T | undefined> {
  let inFlight: Promise<T | undefined> | undefined;
  const readBounded = async () => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(resolve, timeoutMs, undefined);
    });
    try {
      return await Promise.race([read().catch(() => undefined), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
  return () => {
    inFlight ??= readBounded().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
}
