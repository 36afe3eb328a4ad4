// The driver adapters the Prisma client runs on, hardened where the stock ones fail under faults (issue 10.1).
//
// 1. A failed COMMIT leaks the transaction. Prisma 6.19's transaction manager ends an interactive transaction by
//    sending COMMIT (or ROLLBACK) through the adapter and only then calling the adapter's commit()/rollback(), which
//    is where adapters let go of what the transaction holds. When that statement throws (a full disk, a lock held
//    past the busy timeout, a dropped connection) neither is ever called: better-sqlite3's transaction mutex stays
//    locked, so every later transaction waits forever, and pg's pooled connection is never returned, so the pool
//    runs dry. `endsCleanly` ends the transaction itself in that case: it rolls back what is left and releases.
//    Upstream: prisma/orm#29933 reports the SQLite side against 7.9 (fix proposed in PR #29955, in the adapter's
//    rollback()). What to add there for 6.19: the client's TransactionManager.closeTransaction() never reaches the
//    adapter's rollback() once the COMMIT statement threw (the transaction is already marked closed, so the caller's
//    rollback fails with P2028), so an adapter-only fix does not help; closeTransaction should call rollback() when
//    the statement fails, and adapter-pg leaks its pooled connection the same way. Drop this wrapper once fixed.
// 2. SQLite (better-sqlite3) has one connection per process, and the stock adapter runs queries made outside a
//    transaction on it while an interactive transaction is open — they silently join that transaction: a write is
//    lost if that transaction rolls back, a read sees what it has not committed. Here they wait until the open
//    transaction ends (better-sqlite3 runs each statement synchronously, so only transactions span time, and a
//    portal transaction is a few statements long). A second, read-only connection would let reads skip that wait;
//    measured with `npm run bench` and the worker tests it made no difference, so the one connection stays.
//    Transactions begin IMMEDIATE: they take the write lock at the start, waiting out the busy timeout there,
//    instead of failing on a lock upgrade midway.
// 3. SQLite runs in WAL mode (readers, a backup say, never block a commit and a commit never blocks readers) with
//    synchronous=FULL and a busy timeout: see SQLITE_PRAGMAS.
import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

type Factory = PrismaBetterSQLite3;
type Adapter = Awaited<ReturnType<Factory["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;
type Query = Parameters<Adapter["queryRaw"]>[0];
type IsolationLevel = Parameters<Adapter["startTransaction"]>[0];

/** What a Prisma client needs of an adapter factory (PrismaBetterSQLite3 and PrismaPg both are one). */
export interface AdapterFactory {
  readonly provider: Factory["provider"] | "postgres";
  readonly adapterName: string;
  connect(): Promise<Adapter>;
}

/**
 * How long a SQLite statement waits for a lock another process holds before it fails with SQLITE_BUSY. In WAL mode
 * only another writer can make it wait (`npm run worker` beside the portal, say), for the length of its transaction.
 * better-sqlite3 waits synchronously, so this also bounds how long such a wait stalls the process.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * WAL: readers and the writer do not block each other, and a commit appends to the log instead of rewriting pages.
 * synchronous=FULL: every commit is on disk before it is acknowledged. With NORMAL (WAL's usual pairing) a commit
 * survives the process being killed but not a power cut or an OS crash, which may roll back the last transactions.
 * The portal records decisions people were told were made and cloud resources that exist; its write rate is low
 * (people's actions, operation events), so one fsync per commit is cheap (`npm run bench` prints what it costs).
 */
export const SQLITE_PRAGMAS = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;";

const statement = (sql: string): Query => ({ sql, args: [], argTypes: [] });
const isEnd = (query: Query) => query.sql === "COMMIT" || query.sql === "ROLLBACK";

/**
 * The transaction `tx`, ended properly even when its COMMIT or ROLLBACK statement fails: the statement's error is
 * still thrown (the request fails), but whatever is left of the transaction is rolled back and `tx` released.
 */
export function endsCleanly(tx: Transaction): Transaction {
  let ended = false;
  const release = async (how: "commit" | "rollback") => {
    if (ended) return;
    ended = true;
    await (how === "commit" ? tx.commit() : tx.rollback());
  };
  return {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (query) => tx.queryRaw(query),
    async executeRaw(query) {
      if (!isEnd(query)) return tx.executeRaw(query);
      try {
        return await tx.executeRaw(query);
      } catch (error) {
        // Prisma will not call commit()/rollback() now. A failed COMMIT may leave the transaction open (SQLITE_BUSY
        // does): roll it back, so nothing of it lingers on the connection, then release. The ROLLBACK may itself
        // fail when the database already rolled back (a full disk) or the connection is gone; releasing is what counts.
        if (query.sql === "COMMIT") await tx.executeRaw(statement("ROLLBACK")).catch(() => undefined);
        await release("rollback").catch(() => undefined);
        throw error;
      }
    },
    commit: () => release("commit"),
    rollback: () => release("rollback"),
  };
}

/** Wraps any adapter factory so that its transactions end cleanly (PostgreSQL: the pooled connection goes back). */
export function withCleanTransactionEnds(factory: AdapterFactory): AdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      const startTransaction = adapter.startTransaction.bind(adapter);
      return Object.assign(adapter, { startTransaction: async (level?: IsolationLevel) => endsCleanly(await startTransaction(level)) });
    },
  };
}

/** One holder at a time, first come first served; `release` hands over to the next waiter. */
class Lock {
  #held = false;
  #waiting: (() => void)[] = [];

  async acquire(): Promise<() => void> {
    if (this.#held) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#held = true;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      if (next) next();
      else this.#held = false;
    };
  }

  /** Runs `fn` at once when nobody holds the lock, else once it is free (`fn` runs its statement synchronously). */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (!this.#held) return fn();
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

/** A transaction on SQLite's one connection: it holds the adapter's lock from BEGIN until it ends. */
function sqliteTransaction(adapter: Adapter, release: () => void): Transaction {
  return endsCleanly({
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    options: { usePhantomQuery: false },
    queryRaw: (query) => adapter.queryRaw(query),
    executeRaw: (query) => adapter.executeRaw(query),
    commit: async () => release(),
    rollback: async () => release(),
  });
}

/** better-sqlite3 for the portal: WAL, FULL sync, a busy timeout, serialised transactions that end cleanly. */
export function sqliteAdapter(url: string): AdapterFactory {
  const factory = new PrismaBetterSQLite3({ url, timeout: SQLITE_BUSY_TIMEOUT_MS });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      await adapter.executeScript(SQLITE_PRAGMAS);
      const lock = new Lock();
      const wrapped: Adapter = {
        provider: adapter.provider,
        adapterName: adapter.adapterName,
        queryRaw: (query) => lock.run(() => adapter.queryRaw(query)),
        executeRaw: (query) => lock.run(() => adapter.executeRaw(query)),
        executeScript: (script) => lock.run(() => adapter.executeScript(script)),
        async startTransaction(isolationLevel) {
          // SQLite transactions are serializable; the stock adapter rejects any other level, so let it say so.
          if (isolationLevel && isolationLevel !== "SERIALIZABLE") return adapter.startTransaction(isolationLevel);
          const release = await lock.acquire();
          try {
            await adapter.executeRaw(statement("BEGIN IMMEDIATE"));
          } catch (error) {
            release();
            throw error;
          }
          return sqliteTransaction(adapter, release);
        },
        ...(adapter.getConnectionInfo ? { getConnectionInfo: () => adapter.getConnectionInfo?.() ?? { supportsRelationJoins: false } } : {}),
        dispose: () => adapter.dispose(),
      };
      return wrapped;
    },
  };
}
