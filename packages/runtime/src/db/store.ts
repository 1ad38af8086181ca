/**
 * A service's store: its repositories on the pool, and `transaction(work)` giving `work` the same
 * repositories bound to one transaction, so what `work` writes commits together or not at all.
 */
export type Store<R extends object> = R & {
  transaction<T>(work: (repos: R) => Promise<T>): Promise<T>;
};

/**
 * Builds a store from a function that binds every repository of the service to a database handle
 * (drizzle's database, whose transactions are databases too).
 */
export function createStore<Db extends { transaction<T>(work: (tx: Db) => Promise<T>): Promise<T> }, R extends object>(
  db: Db,
  repositories: (db: Db) => R,
): Store<R> {
  return {
    ...repositories(db),
    transaction: <T>(work: (repos: R) => Promise<T>) => db.transaction((tx) => work(repositories(tx))),
  };
}
