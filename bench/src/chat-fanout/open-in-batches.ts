/** Opens `count` connections 50 at a time (`open(i)` opens the i-th), so handshakes do not pile up. */
export async function openInBatches<T>(count: number, open: (i: number) => Promise<T>): Promise<T[]> {
  const opened: T[] = [];
  for (let i = 0; i < count; i += 50)
    opened.push(...(await Promise.all(Array.from({ length: Math.min(50, count - i) }, (_, j) => open(i + j)))));
  return opened;
}
