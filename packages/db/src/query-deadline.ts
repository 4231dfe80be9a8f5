/**
 * A client-side deadline on every statement, for both drivers, through Kysely's published Dialect/Driver
 * interfaces. pg's own `query_timeout` starts counting only once a pooled client is in hand, so a request
 * queued behind a frozen server's busy clients would wait for a slot and then for its query: twice the limit.
 * Here the first statement of an acquisition gets `timeoutMs` from the moment the connection was asked for
 * (the wait for a pool slot counts), each later one (inside a transaction) `timeoutMs` of its own.
 *
 * The statement itself is not recalled: pg's `query_timeout` and the server's `statement_timeout` (set to the
 * same limit by createDb) end it on their side; when the server answers late, the connection is reusable.
 */
import type {
  CompiledQuery,
  DatabaseConnection,
  Dialect,
  Driver,
  QueryResult,
  TransactionSettings,
} from "kysely";

/** A statement or the wait for a connection outlived the deadline. */
export class QueryDeadlineError extends Error {
  override name = "QueryDeadlineError";
  constructor(what: string, ms: number) {
    super(`database ${what} gave up after ${ms} ms`);
  }
}

export function withQueryDeadline(dialect: Dialect, timeoutMs: number): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db: Parameters<Dialect["createIntrospector"]>[0]) => dialect.createIntrospector(db),
    createDriver: () => new DeadlineDriver(dialect.createDriver(), timeoutMs),
  };
}

class DeadlineDriver implements Driver {
  /** The driver's own connection behind each bounded one: drivers recognise their connections by identity. */
  readonly #inner = new WeakMap<DatabaseConnection, DatabaseConnection>();

  constructor(
    private readonly driver: Driver,
    private readonly timeoutMs: number,
  ) {}

  init() {
    return this.driver.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const deadline = performance.now() + this.timeoutMs;
    const acquiring = this.driver.acquireConnection();
    const connection = await raceDeadline(acquiring, this.timeoutMs, "connection", () => {
      // Given back the moment it arrives, so a late connection is not lost to the pool.
      acquiring.then((late) => this.driver.releaseConnection(late)).catch(() => {});
    });
    const bounded = boundedConnection(connection, deadline, this.timeoutMs);
    this.#inner.set(bounded, connection);
    return bounded;
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    return this.driver.beginTransaction(connection, settings);
  }
  commitTransaction(connection: DatabaseConnection) {
    return this.driver.commitTransaction(connection);
  }
  rollbackTransaction(connection: DatabaseConnection) {
    return this.driver.rollbackTransaction(connection);
  }
  releaseConnection(connection: DatabaseConnection) {
    return this.driver.releaseConnection(this.#inner.get(connection) ?? connection);
  }
  destroy() {
    return this.driver.destroy();
  }
  // Savepoints only issue statements on the (bounded) connection; a driver without them refuses as Kysely would.
  savepoint(...args: Parameters<NonNullable<Driver["savepoint"]>>) {
    return required(this.driver.savepoint, "savepoint").apply(this.driver, args);
  }
  rollbackToSavepoint(...args: Parameters<NonNullable<Driver["rollbackToSavepoint"]>>) {
    return required(this.driver.rollbackToSavepoint, "rollbackToSavepoint").apply(this.driver, args);
  }
  releaseSavepoint(...args: Parameters<NonNullable<Driver["releaseSavepoint"]>>) {
    return required(this.driver.releaseSavepoint, "releaseSavepoint").apply(this.driver, args);
  }
}

type SavepointMethod = NonNullable<Driver["savepoint"]>;

function required(method: SavepointMethod | undefined, name: string): SavepointMethod {
  if (!method) throw new Error(`The \`${name}\` method is not supported by this driver`);
  return method;
}



/**
 * The driver's connection with `executeQuery` under a deadline. A Proxy, not a wrapper object, so the driver's
 * own methods (Kysely's pg driver calls private ones on the connection it is handed) still reach the original.
 */
function boundedConnection(connection: DatabaseConnection, firstDeadline: number, timeoutMs: number): DatabaseConnection {
  let pending: number | undefined = firstDeadline;
  const executeQuery = <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
    const deadline = pending ?? performance.now() + timeoutMs;
    pending = undefined;
    return raceDeadline(connection.executeQuery<R>(query), Math.max(0, deadline - performance.now()), "statement");
  };
  return new Proxy(connection, {
    get(target, property) {
      if (property === "executeQuery") return executeQuery;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

function raceDeadline<T>(work: Promise<T>, ms: number, what: string, onTimeout?: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      onTimeout?.();
      reject(new QueryDeadlineError(what, ms));
    }, ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
