import { randomBytes } from 'node:crypto';

/** A name no other test uses: stream, consumer, key prefix, queue group. */
export const uniqueName = (prefix: string): string => `${prefix}_${randomBytes(5).toString('hex')}`;

/** A Redis key prefix owned by one test file. */
export const testRedisPrefix = (): string => `test:${randomBytes(5).toString('hex')}:`;
