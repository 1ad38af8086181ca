import type { Database } from '@seed/runtime';
import type { chatSchema } from './schema.ts';

export type ChatDatabase = Database<typeof chatSchema>;
export type ChatDb = ChatDatabase['db'];
/** A transaction or the pool: repository functions take either. */
export type ChatTx = Parameters<Parameters<ChatDb['transaction']>[0]>[0] | ChatDb;
