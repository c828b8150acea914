/**
 * The one place that opens Neo4j sessions and transactions. Every query of a request runs
 * through an Executor made for that request, which counts database round trips.
 */
import neo4j, { type AuthToken, type Driver, type ManagedTransaction, Neo4jError } from "neo4j-driver";
import { DomainError } from "../domain/errors.js";
import { fromNeo4j } from "./mappers.js";

/** Runs one Cypher statement inside the current transaction and returns plain rows. */
export interface Run {
  <R = Record<string, unknown>>(cypher: string, params?: Record<string, unknown>): Promise<R[]>;
  /** The same, with each row handed to `onRow` as it streams in, never all held at once. */
  each<R>(cypher: string, params: Record<string, unknown>, onRow: (row: R) => void): Promise<void>;
}

export interface Neo4jConnection {
  uri: string;
  user?: string;
  password?: string;
}

export function createDriver({ uri, user, password }: Neo4jConnection): Driver {
  // The embedded database runs without auth on loopback (the typings omit auth.none()).
  const auth = password === undefined ? ({ scheme: "none" } as AuthToken) : neo4j.auth.basic(user ?? "neo4j", password);
  return neo4j.driver(uri, auth, {
    disableLosslessIntegers: true,
    // A database that is down must become a prompt SERVICE_UNAVAILABLE, not a hung request.
    maxTransactionRetryTime: 5_000,
    connectionTimeout: 5_000,
    connectionAcquisitionTimeout: 10_000,
    userAgent: "provgraph",
  });
}

export class Executor {
  /** Database round trips of this executor (one per statement sent). */
  roundTrips = 0;

  constructor(
    readonly driver: Driver,
    readonly database: string,
  ) {}

  /** A fresh executor over the same driver, with its own round-trip counter. */
  forRequest(): Executor {
    return new Executor(this.driver, this.database);
  }

  read<T>(name: string, work: (run: Run) => Promise<T>): Promise<T> {
    return this.transact("READ", name, work);
  }

  /**
   * `work` may run more than once (the driver retries transient failures, and may replay a
   * transaction whose commit it could not confirm): it must have no effect outside the
   * transaction and must consume every result inside it.
   */
  write<T>(name: string, work: (run: Run) => Promise<T>): Promise<T> {
    return this.transact("WRITE", name, work);
  }

  private async transact<T>(mode: "READ" | "WRITE", name: string, work: (run: Run) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: mode === "READ" ? neo4j.session.READ : neo4j.session.WRITE });
    const config = { metadata: { app: "provgraph", op: name }, timeout: 120_000 };
    const callback = (tx: ManagedTransaction) => work(this.runner(tx));
    try {
      return await (mode === "READ" ? session.executeRead(callback, config) : session.executeWrite(callback, config));
    } catch (error) {
      throw translate(error);
    } finally {
      await session.close();
    }
  }

  private runner(tx: ManagedTransaction): Run {
    const run = async <R>(cypher: string, params: Record<string, unknown> = {}) => {
      this.roundTrips++;
      const result = await tx.run(cypher, params);
      return result.records.map((record) => fromNeo4j(record.toObject()) as R);
    };
    const each = async <R>(cypher: string, params: Record<string, unknown>, onRow: (row: R) => void) => {
      this.roundTrips++;
      for await (const record of tx.run(cypher, params)) onRow(fromNeo4j(record.toObject()) as R);
    };
    return Object.assign(run, { each });
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}

/** Another write created an id this one meant to create (the id's uniqueness constraint caught it). */
export class ConcurrentWriteError extends DomainError {
  constructor() {
    super("CONFLICT", "an id in this write was written concurrently by another request; retry the write");
  }
}

const UNAVAILABLE = new Set([neo4j.error.SERVICE_UNAVAILABLE, neo4j.error.SESSION_EXPIRED, "Neo.ClientError.Transaction.TransactionTimedOut", "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration"]);

/** Database failures become domain errors; their text (which may hold Cypher) stays in the log. */
function translate(error: unknown): unknown {
  if (!(error instanceof Neo4jError)) return error;
  if (UNAVAILABLE.has(error.code) || error.code.startsWith("Neo.TransientError.") || error.retriable) {
    return new DomainError("SERVICE_UNAVAILABLE", "the database cannot be reached right now; retry later");
  }
  if (error.code === "Neo.ClientError.Schema.ConstraintValidationFailed") return new ConcurrentWriteError();
  return error;
}
