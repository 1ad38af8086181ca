/** Anything that runs work in a transaction and hands it a handle of its own kind (drizzle's database). */
interface Transactional {
  transaction<T>(work: (tx: never) => Promise<T>): Promise<T>;
}

/**
 * A service's store: its repositories on the pool, and `transaction(work)` giving `work` the same
 * repositories bound to one transaction, so what `work` writes commits together or not at all.
 */
export type Store<R extends object> = R & {
  transaction<T>(work: (repos: R) => Promise<T>): Promise<T>;
};

/** Builds a store from a function that binds every repository of the service to a database handle. */
export function createStore<Db extends Transactional, R extends object>(db: Db, repositories: (db: Db) => R): Store<R> {
  return {
    ...repositories(db),
    transaction: <T>(work: (repos: R) => Promise<T>) =>
      db.transaction((tx: never) => work(repositories(tx as unknown as Db))),
  };
}
