import { randomInt } from 'node:crypto';

/** A fresh snowflake-form id (user, session, room) no other test uses. */
export const newId = (): string => `${randomInt(1, 10)}${String(randomInt(0, 2 ** 47)).padStart(15, '0')}`;
