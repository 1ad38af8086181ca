import type { EventContract, JobContract } from '@seed/contracts';
import { DEFAULT_JOBS_TOPOLOGY, type JobsTopology, writeOutbox } from '@seed/runtime';
import type { z } from 'zod';
import { createUsersRepository } from '../accounts/users.repository.ts';
import { createAvatarsRepository } from '../avatars/avatars.repository.ts';
import { createDevicesRepository } from '../devices/devices.repository.ts';
import { createSessionsRepository } from '../sessions/sessions.repository.ts';
import { createEmailTokensRepository } from '../verification/email-tokens.repository.ts';
import { createPhoneVerificationsRepository } from '../verification/phone-verifications.repository.ts';
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
export function createStore(db: Db, topology: JobsTopology = DEFAULT_JOBS_TOPOLOGY) {
  return {
    ...repositories(db, topology),
    transaction: <T>(fn: (r: Repositories) => Promise<T>): Promise<T> =>
      db.transaction((tx) => fn(repositories(tx, topology))),
  };
}
export type Store = ReturnType<typeof createStore>;
