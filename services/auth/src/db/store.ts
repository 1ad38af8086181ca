import type { EventContract, JobContract } from '@seed/contracts';
import { createStore, DEFAULT_JOBS_TOPOLOGY, type JobsTopology, writeOutbox } from '@seed/runtime';
import type { z } from 'zod';
import { createUsersRepository } from '../accounts/index.ts';
import { createAvatarsRepository } from '../avatars/index.ts';
import { createDevicesRepository } from '../devices/index.ts';
import { createSessionsRepository } from '../sessions/index.ts';
import { createEmailTokensRepository, createPhoneVerificationsRepository } from '../verification/index.ts';
import type { Db } from './database.ts';
import { outbox } from './schema.ts';

function repositories(db: Db, topology: JobsTopology) {
  return {
    users: createUsersRepository(db),
    sessions: createSessionsRepository(db),
    phoneVerifications: createPhoneVerificationsRepository(db),
    emailTokens: createEmailTokensRepository(db),
    devices: createDevicesRepository(db),
    avatars: createAvatarsRepository(db),
    /** Events and jobs leave only if the transaction they are written in commits. */
    send: <C extends EventContract | JobContract>(contract: C, payload: z.input<C['payload']>, id?: string) =>
      writeOutbox(db, outbox, contract, payload, { topology, ...(id ? { id } : {}) }),
  };
}
export type Repositories = ReturnType<typeof repositories>;

/** Auth's repositories, and a way to run several of them in one transaction. */
export const createAuthStore = (db: Db, topology: JobsTopology = DEFAULT_JOBS_TOPOLOGY) =>
  createStore(db, (handle) => repositories(handle, topology));
export type AuthStore = ReturnType<typeof createAuthStore>;
