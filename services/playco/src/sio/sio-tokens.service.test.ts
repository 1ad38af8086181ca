import { describe, expect, it } from 'vitest';
import type { SioTokensRepository, StoredSioToken } from './sio-tokens.repository.ts';
import { createSioTokens } from './sio-tokens.service.ts';

function memoryRepository() {
  const map = new Map<string, StoredSioToken>();
  return { save: async (h, t) => void map.set(h, t), find: async (h) => map.get(h) } satisfies SioTokensRepository;
}

describe('sio tokens', () => {
  it('verify for the socket and csrf token they were issued for', async () => {
    let t = 1_000_000;
    const tokens = createSioTokens({ repo: memoryRepository(), ttlMs: 3_600_000, now: () => t });
    const { token, exp } = await tokens.issue('42', 'sid-1', 'csrf-secret');
    expect(exp).toBe(new Date(1_000_000 + 3_600_000).toISOString());
    await expect(tokens.verify(token, 'sid-1', 'csrf-secret')).resolves.toMatchObject({ userId: '42' });
    await expect(tokens.verify(token, 'sid-2', 'csrf-secret')).rejects.toMatchObject({ code: 'sio_token_invalid' });
    await expect(tokens.verify(token, 'sid-1', 'csrf-other')).rejects.toMatchObject({ code: 'sio_token_invalid' });
    await expect(tokens.verify('made-up', 'sid-1', 'csrf-secret')).rejects.toMatchObject({ code: 'sio_token_invalid' });
    t += 3_600_000;
    await expect(tokens.verify(token, 'sid-1', 'csrf-secret')).rejects.toMatchObject({ code: 'sio_token_expired' });
  });
});
