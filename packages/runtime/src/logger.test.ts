import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runInContext } from './context.ts';
import { createLogger } from './logger.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { lines, stream };
}

describe('logger', () => {
  it('writes JSON with the request id of the work in progress and never a secret', () => {
    const { lines, stream } = capture();
    const logger = createLogger({ service: 'auth' }, stream);
    runInContext({ requestId: 'req-1', caller: { userId: '9', sessionId: 's' } }, () =>
      logger.info(
        { body: { password: 'hunter2hunter2', refreshToken: 'rt' }, headers: { authorization: 'Bearer x' } },
        'login',
      ),
    );
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ service: 'auth', reqId: 'req-1', userId: '9', msg: 'login' });
    expect(lines[0]).not.toContain('hunter2');
    expect(lines[0]).not.toContain('Bearer x');
    expect(lines[0]).not.toContain('"rt"');
  });
});
