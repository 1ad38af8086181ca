export interface KeyTimes {
  kid: string;
  activatesAt: Date;
}

/**
 * Which key signs and which are published, from the keys' activation times alone: the newest
 * active key signs; a key is published from its creation until the tokens of its successor's
 * predecessor period have expired (`retiredAt + tokenTtl + grace`).
 */
export function keySchedule<K extends KeyTimes>(keys: readonly K[], now: Date, tokenTtlMs: number, graceMs = 60_000) {
  const sorted = [...keys].sort((a, b) => a.activatesAt.getTime() - b.activatesAt.getTime());
  const active = sorted.filter((k) => k.activatesAt <= now);
  const signing = active.at(-1);
  const published: K[] = [];
  const expired: K[] = [];
  sorted.forEach((key, i) => {
    const successor = sorted[i + 1];
    const retiredAt = successor && successor.activatesAt <= now ? successor.activatesAt : undefined;
    if (retiredAt && now.getTime() > retiredAt.getTime() + tokenTtlMs + graceMs) expired.push(key);
    else published.push(key);
  });
  return { signing, published, expired };
}
