import type postgres from 'postgres';
import { processRegistry, sharedGauge } from '../ops/process-registry.ts';
import { inSpan, tracingEnabled } from '../tracing/tracing.ts';

type Sql = postgres.Sql;

interface Pool {
  size: number;
  /** Queries and transactions in progress; past `size`, the rest wait for a connection. */
  active: number;
}

const pools = new Map<string, Set<Pool>>();

function observePools(): void {
  const each = (help: string, name: string, value: (p: Pool) => number) =>
    sharedGauge(processRegistry, {
      name,
      help,
      labelNames: ['pool'],
      collect() {
        this.reset();
        for (const [pool, all] of pools) for (const p of all) this.inc({ pool }, value(p));
      },
    });
  each('Connections a PostgreSQL pool may open', 'seed_db_pool_size', (p) => p.size);
  each(
    'Queries and transactions in progress on a PostgreSQL pool; above its size, the rest wait for a connection',
    'seed_db_pool_active',
    (p) => p.active,
  );
}

const MAX_STATEMENT = 2_000;
const isTemplate = (value: unknown): value is TemplateStringsArray => Array.isArray(value) && 'raw' in value;
const statementOf = (strings: readonly string[]) =>
  strings.reduce((text, part, i) => (i === 0 ? part : `${text}$${i}${part}`), '');

/**
 * `sql` (a postgres.js pool) counting what runs on it for /metrics (`seed_db_pool_size`,
 * `seed_db_pool_active{pool}`) and, when tracing, giving every query of a traced request or job
 * its own span. Queries run when first awaited (postgres.js queries are lazy), and that is what
 * is counted and timed; drizzle's queries go through the same `unsafe` and `begin`.
 */
export function instrumentSql(sql: Sql, opts: { pool: string; size: number }): Sql {
  if (pools.size === 0) observePools();
  const pool: Pool = { size: opts.size, active: 0 };
  const members = pools.get(opts.pool) ?? new Set<Pool>();
  pools.set(opts.pool, members);
  members.add(pool);
  const end = sql.end.bind(sql);
  sql.end = (options) => {
    members.delete(pool);
    return end(options);
  };
  return wrap(sql, pool);
}

/** `target` whose queries are timed; `pool` counts them when `target` is the pool itself, not a transaction. */
function wrap(target: Sql, pool: Pool | undefined): Sql {
  const track = <Q>(query: Q, statement: string): Q =>
    query instanceof Promise ? timed(query, statement, pool) : query;
  return new Proxy(target, {
    apply(fn, self, args: unknown[]) {
      const result = Reflect.apply(fn, self, args);
      return isTemplate(args[0]) ? track(result, statementOf(args[0])) : result;
    },
    get(fn, prop) {
      if (prop === 'unsafe')
        return (statement: string, ...rest: unknown[]) =>
          track((fn.unsafe as (...a: unknown[]) => unknown)(statement, ...rest), statement);
      if (prop === 'begin' || prop === 'savepoint') {
        const open = Reflect.get(fn, prop, fn) as ((...a: unknown[]) => Promise<unknown>) | undefined;
        if (!open) return open;
        return (...args: unknown[]) => {
          const body = args.pop() as (tx: Sql) => unknown;
          const run = () => open.call(fn, ...args, (tx: Sql) => body(wrap(tx, undefined)));
          if (!pool) return run();
          pool.active++;
          return run().finally(() => pool.active--);
        };
      }
      return Reflect.get(fn, prop, fn);
    },
  });
}

/** Counts and, within a traced request, spans a postgres.js query from the moment it runs. */
function timed<Q extends Promise<unknown>>(query: Q, statement: string, pool: Pool | undefined): Q {
  const then = query.then;
  let started = false;
  Object.defineProperty(query, 'then', {
    configurable: true,
    value(onResolved?: (v: unknown) => unknown, onRejected?: (e: unknown) => unknown) {
      if (started) return then.call(query, onResolved, onRejected);
      started = true;
      if (pool) pool.active++;
      const settle = () => {
        if (pool) pool.active--;
      };
      const running = () =>
        then.call(
          query,
          (value) => {
            settle();
            return value;
          },
          (err) => {
            settle();
            throw err;
          },
        );
      const result = tracingEnabled()
        ? inSpan(
            `db ${statement.trimStart().split(/\s/, 1)[0]?.toLowerCase() ?? 'query'}`,
            {
              kind: 'client',
              onlyWithin: true,
              attributes: { 'db.system.name': 'postgresql', 'db.query.text': statement.slice(0, MAX_STATEMENT) },
            },
            running,
          )
        : running();
      return result.then(onResolved, onRejected);
    },
  });
  return query;
}
