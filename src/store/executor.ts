/**
 * The one place that opens Neo4j sessions and transactions. Every query of a request runs
 * through an Executor made for that request, which counts database round trips.
 */
import { SpanKind, SpanStatusCode, trace, type Span } from "@opentelemetry/api";
import neo4j, { type AuthToken, type Driver, isRetryableError, Neo4jError, type QueryResult, type Result } from "neo4j-driver";
import { DomainError } from "../domain/errors.js";
import { NO_INSTRUMENTS, type Instruments } from "./instruments.js";
import { fromNeo4j } from "./mappers.js";
import { statementParent } from "./spans.js";

/** Runs one Cypher statement (inside a write's transaction, or as its own read) and returns plain rows. */
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

/** What Neo4j lists for a transaction (SHOW TRANSACTIONS), and when it ends it. */
const transactionConfig = (name: string) => ({ metadata: { app: "provgraph", op: name }, timeout: 120_000 });

/** How long a failing transaction or read is retried before the request gets SERVICE_UNAVAILABLE. */
const RETRY_MS = 5_000;

export function createDriver({ uri, user, password }: Neo4jConnection): Driver {
  // The embedded database runs without auth on loopback (the typings omit auth.none()).
  const auth = password === undefined ? ({ scheme: "none" } as AuthToken) : neo4j.auth.basic(user ?? "neo4j", password);
  return neo4j.driver(uri, auth, {
    disableLosslessIntegers: true,
    // A database that is down must become a prompt SERVICE_UNAVAILABLE, not a hung request.
    maxTransactionRetryTime: RETRY_MS,
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
    readonly instruments: Instruments = NO_INSTRUMENTS,
  ) {}

  /** A fresh executor over the same driver and instruments, with its own round-trip counter. */
  forRequest(): Executor {
    return new Executor(this.driver, this.database, this.instruments);
  }

  /** The same executor, reporting to `instruments`. */
  instrumented(instruments: Instruments): Executor {
    return new Executor(this.driver, this.database, instruments);
  }

  /**
   * Each statement of a read is its own auto-commit transaction (RUN and PULL: one round trip)
   * instead of one managed transaction around them all (BEGIN and COMMIT add a round trip, about
   * a millisecond a request): Neo4j reads at read-committed isolation, so statements in one
   * transaction would see nothing more consistent than statements in several. The session's READ
   * mode still lets a cluster route them to a secondary. After a transient failure `work` runs
   * again in a fresh session, for up to RETRY_MS as the driver retries transactions: it must
   * have no effect outside the database and must consume every result it asks for.
   */
  async read<T>(name: string, work: (run: Run) => Promise<T>): Promise<T> {
    const config = transactionConfig(name);
    try {
      return await retrying(async () => {
        const session = this.openSession(neo4j.session.READ);
        try {
          return await work(this.runner(name, (cypher, params) => session.run(cypher, params, config)));
        } finally {
          await this.closeSession(session);
        }
      });
    } catch (error) {
      throw translate(error);
    }
  }

  /**
   * A managed transaction: `work` may run more than once (the driver retries transient
   * failures, and may replay a transaction whose commit it could not confirm): it must have no
   * effect outside the transaction and must consume every result inside it.
   */
  async write<T>(name: string, work: (run: Run) => Promise<T>): Promise<T> {
    return tracer.startActiveSpan(
      `write ${name}`,
      { kind: SpanKind.CLIENT, attributes: this.spanAttributes(name) },
      statementParent(),
      async (span) => {
        const session = this.openSession(neo4j.session.WRITE);
        const config = transactionConfig(name);
        try {
          return await session.executeWrite((tx) => work(this.runner(name, (cypher, params) => tx.run(cypher, params))), config);
        } catch (error) {
          throw failed(span, translate(error));
        } finally {
          span.end();
          await this.closeSession(session);
        }
      },
    );
  }

  private openSession(defaultAccessMode: "READ" | "WRITE") {
    this.instruments.session(1);
    return this.driver.session({ database: this.database, defaultAccessMode });
  }

  private async closeSession(session: { close(): Promise<void> }): Promise<void> {
    try {
      await session.close();
    } finally {
      this.instruments.session(-1);
    }
  }

  /** What a span says of a statement: the database and the statement's name, never its text or values. */
  private spanAttributes(name: string) {
    return { "db.system.name": "neo4j", "db.namespace": this.database, "db.operation.name": name };
  }

  /** Each statement is a span `cypher <name>` under the active span (a resolver's, or a write's). */
  private runner(name: string, send: (cypher: string, params: Record<string, unknown>) => Result): Run {
    const spanName = `cypher ${name}`;
    const attributes = this.spanAttributes(name);
    const start = (cypher: string, params: Record<string, unknown>) => {
      this.roundTrips++;
      return withoutStackCapture(() => send(cypher, params));
    };
    const run = async <R>(cypher: string, params: Record<string, unknown> = {}) => {
      const span = tracer.startSpan(spanName, { kind: SpanKind.CLIENT, attributes }, statementParent());
      try {
        const result: QueryResult = await start(cypher, params);
        return result.records.map((record) => fromNeo4j(record.toObject()) as R);
      } catch (error) {
        throw failed(span, withCallers(error));
      } finally {
        span.end();
      }
    };
    const each = async <R>(cypher: string, params: Record<string, unknown>, onRow: (row: R) => void) => {
      const span = tracer.startSpan(spanName, { kind: SpanKind.CLIENT, attributes }, statementParent());
      try {
        for await (const record of start(cypher, params)) onRow(fromNeo4j(record.toObject()) as R);
      } catch (error) {
        throw failed(span, withCallers(error));
      } finally {
        span.end();
      }
    };
    return Object.assign(run, { each });
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}

/** Spans go through the OpenTelemetry API: no-ops unless src/server/tracing.ts started the SDK. */
const tracer = trace.getTracer("provgraph");

/** Marks the span failed with the error's class and code (a Neo4j or domain code), never its message. */
function failed(span: Span, error: unknown): unknown {
  const code = (error as { code?: unknown })?.code;
  span.setStatus({ code: SpanStatusCode.ERROR, message: typeof code === "string" ? code : error instanceof Error ? error.name : "error" });
  return error;
}

/**
 * neo4j-driver records the caller's stack for every statement, for the stack of an error that
 * may come back later (under tsx's source maps, a cost per request: README, Benchmarks). Statements
 * start without it (Node runs this synchronously, so nothing else sees the limit), and an error
 * that comes back without frames gets its callers' (async) frames from withCallers instead.
 */
function withoutStackCapture<T>(start: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return start();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function withCallers(error: unknown): unknown {
  if (error instanceof Error && !/\n\s+at /.test(error.stack ?? "")) {
    const callers = new Error().stack?.split("\n").slice(2).join("\n") ?? "";
    error.stack = `${(error.stack ?? String(error)).trimEnd()}\n${callers}`;
  }
  return error;
}

/**
 * `work`, run again after each transient failure with doubling delays (from 100 ms, 20% jitter)
 * until it succeeds, fails otherwise, or the next attempt would start after RETRY_MS.
 */
async function retrying<T>(work: () => Promise<T>): Promise<T> {
  const start = Date.now();
  for (let delay = 100; ; delay *= 2) {
    try {
      return await work();
    } catch (error) {
      const wait = delay * (0.8 + 0.4 * Math.random());
      if (!isRetryableError(error) || Date.now() - start + wait > RETRY_MS) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** Another write created an id this one meant to create (the id's uniqueness constraint caught it). */
export class ConcurrentWriteError extends DomainError {
  constructor() {
    super("CONFLICT", "an id in this write was written concurrently by another request; retry the write");
  }
}

const UNAVAILABLE = new Set([
  neo4j.error.SERVICE_UNAVAILABLE,
  neo4j.error.SESSION_EXPIRED,
  "Neo.ClientError.Transaction.TransactionTimedOut",
  "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
]);

/** Database failures become domain errors; their text (which may hold Cypher) stays in the log. */
function translate(error: unknown): unknown {
  if (!(error instanceof Neo4jError)) return error;
  if (UNAVAILABLE.has(error.code) || error.code.startsWith("Neo.TransientError.") || error.retriable) {
    return new DomainError("SERVICE_UNAVAILABLE", "the database cannot be reached right now; retry later");
  }
  if (error.code === "Neo.ClientError.Schema.ConstraintValidationFailed") return new ConcurrentWriteError();
  return error;
}
